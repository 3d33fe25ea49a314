"""The results as two tidy tables (one observation per row, pandas), the form a
reader loads for an analysis of their own with ``pandas.read_csv(path, sep="\\t")``:

- metrics: experiment, variant, replicate, split, metric, value. Every number of the
  metrics documents; a list becomes one row per element (``name[i]``); a value that
  is not finite is empty (NaN when read back).
- claims: experiment, claim, model (``write-up`` or ``ablation``), replicate, value,
  threshold, passing, judged. One row per replicate of each claim's model; a replicate
  the measure could not judge (its data lack what the measure reads) does not pass.
"""

import math

import pandas as pd

from lstm_toys.evaluation.verdicts import COMPARISONS

METRIC_COLUMNS = ["experiment", "variant", "replicate", "split", "metric", "value"]
CLAIM_COLUMNS = ["experiment", "claim", "model", "replicate", "value", "threshold", "passing", "judged"]


def numbers(name: str, value):
    """``(name, number)`` pairs of one metric: a number, or each element of a list of them."""
    if isinstance(value, bool) or value is None:
        return []
    if isinstance(value, (int, float)):
        return [(name, float(value))]
    if isinstance(value, list):
        return [pair for index, element in enumerate(value) for pair in numbers(f"{name}[{index}]", element)]
    return []  # a text or a mapping is not a measurement


def metrics_rows(experiment: str, replicates: list) -> pd.DataFrame:
    """``replicates``: one ``{variant: metrics document}`` per replicate, in replicate order."""
    rows = [
        (experiment, variant, replicate, split, name, number)
        for replicate, documents in enumerate(replicates)
        for variant, document in documents.items()
        for split, scores in document.items() if isinstance(scores, dict)
        for metric, value in scores.items()
        for name, number in numbers(metric, value)
    ]
    table = pd.DataFrame(rows, columns=METRIC_COLUMNS)
    table["value"] = table["value"].where(table["value"].map(math.isfinite))
    return table


def passes(verdict: dict, value) -> bool:
    return value is not None and COMPARISONS[verdict["comparison"]](float(value), float(verdict["threshold"]))


def claim_rows(experiment: str, name: str, model: str, verdict: dict) -> list:
    return [
        (experiment, name, model, replicate, value, verdict["threshold"], judged and passes(verdict, value), judged)
        for replicate, (value, judged) in enumerate(zip(verdict["values"], verdict["judged"]))
    ]


def claims_rows(document: dict) -> pd.DataFrame:
    """The rows of one claims document (``results/claims/<experiment>.json``)."""
    experiment = document["experiment"]
    rows = []
    for verdict in document["claims"]:
        rows += claim_rows(experiment, verdict["claim"], "write-up", verdict)
        if "ablation" in verdict:
            rows += claim_rows(experiment, verdict["claim"], "ablation", {**verdict, **verdict["ablation"]})
    return pd.DataFrame(rows, columns=CLAIM_COLUMNS)


def write(table: pd.DataFrame, path) -> None:
    table.to_csv(path, sep="\t", index=False, float_format="%.10g", lineterminator="\n")


def read(path) -> pd.DataFrame:
    return pd.read_csv(path, sep="\t")


def concatenated(paths: list) -> pd.DataFrame:
    """One table from the experiments' tables, in the order given."""
    return pd.concat([read(path) for path in paths], ignore_index=True)


def summary(metrics: pd.DataFrame) -> pd.DataFrame:
    """Per variant, split and metric: the median over replicates, its range and how many
    replicates measured it (the report's full metric table: no empty cells)."""
    measured = metrics.dropna(subset=["value"])
    grouped = measured.groupby(["variant", "split", "metric"], sort=True)["value"]
    return grouped.agg(median="median", low="min", high="max", replicates="count").reset_index()
