"""The layout version of what the pipeline writes. Every ``.npz`` and JSON results
file carries it, so that a results tree written by an older layout of the pipeline
is told apart, with a message that says to rebuild, before a script trips over a
missing key."""

LAYOUT = 4  # 1: no version in the files; 2: one run per variant (no replicates); 3: claims without bases


class ResultFileError(RuntimeError):
    """A results file is missing, truncated, foreign or of an older layout; the
    message names the file and what is wrong."""


def check_layout(path, found) -> None:
    if found != LAYOUT:
        raise ResultFileError(
            f"{path}: written by layout {found or 1} of the pipeline, which now writes layout {LAYOUT}: "
            "rebuild it (snakemake --forceall, or remove results/)"
        )
