"""The pieces of an experiment's notebook (``workflow/notebooks/<kind>.ipynb``).

Papermill hands a template plain data (an experiment id, a title, file paths);
the template calls these functions, which return HTML with every string escaped,
so that no config value is ever run as code or markup.
"""

from dataclasses import dataclass
from html import escape
from pathlib import Path

from .report import metrics_table, read_json, scorecard


@dataclass(frozen=True)
class Study:
    """One experiment's results: claim verdicts, metrics per variant, figure files."""

    experiment: str
    claims: list
    metrics: dict  # {variant: {split: {name: value}}}
    figures: dict  # {name: Path}


def load(experiment: str, claims: str, metrics: dict, figures: dict) -> Study:
    """Read the files a notebook is given (paths relative to the working directory)."""
    document = read_json(claims)
    if document["experiment"] != experiment:
        raise ValueError(f"{claims}: holds the claims of {document['experiment']!r}, not {experiment!r}")
    variants = {variant: read_json(path) for variant, path in metrics.items()}
    return Study(experiment, document["claims"], variants, {name: Path(path) for name, path in figures.items()})


def heading(study: Study, title: str) -> str:
    reproduced = sum(verdict["reproduced"] for verdict in study.claims)
    return (
        f"<h1>{escape(study.experiment)}</h1><p>{escape(title)}</p>"
        f"<p><strong>{reproduced} of {len(study.claims)}</strong> claims reproduced.</p>"
    )


def claims_html(study: Study) -> str:
    """What the write-up observed beside what the pipeline measured."""
    return scorecard([{"experiment": study.experiment, "claims": study.claims}])


def metrics_html(study: Study, names=None) -> str:
    """The metrics per variant and split (only ``names``, if given)."""
    return metrics_table(study.experiment, study.metrics, names)


def figures(study: Study):
    """``(caption HTML, PNG bytes)`` for each figure, in name order."""
    for name, path in sorted(study.figures.items()):
        yield f"<h3>{escape(name)}</h3>", path.read_bytes()
