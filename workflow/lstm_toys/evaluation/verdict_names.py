"""The three verdicts a claim can get over its replicates, by name (no statistics
here, so that the report and the figures can name them without importing SciPy)."""

REPRODUCED, NOT_REPRODUCED, INCONCLUSIVE = "reproduced", "not reproduced", "inconclusive"
