"""The pieces of an experiment's notebook (``workflow/notebooks/experiment.ipynb``,
one template for every kind: a kind's story lives with its claims).

Papermill hands the template plain data (an experiment id, its kind, a title, file paths);
the template calls these functions, which return HTML rendered from Jinja2
templates with autoescape, so that no config value is ever run as code or markup.
"""

from dataclasses import dataclass
from pathlib import Path

from lstm_toys.data.documents import read_document
from lstm_toys.evaluation.medians import median_metrics
from lstm_toys.kind import Story, load_kind
from lstm_toys.presentation.report import environment, metrics_table, printed_table, scorecard, variants_table


@dataclass(frozen=True)
class Study:
    """One experiment's results: claim verdicts over replicates and their figure,
    metrics per variant (medians over replicates), figure files."""

    experiment: str
    variants: dict  # {variant: what it is}
    claims: list
    printed: list  # the numbers the write-up prints, beside the pipeline's
    records: list  # the pipeline's own numbers, without a verdict
    claims_figure: Path
    metrics: dict  # {variant: {split: {name: median over replicates}}}
    figures: dict  # {name: Path}


def story(kind: str) -> Story:
    """The kind's story (its ``story`` hook, beside its claims)."""
    return load_kind(kind).load("story")


def introduction(told: Story) -> str:
    """The notebook's opening, as markdown (the kind's own text, not config)."""
    return f"# {told.title}\n\n{told.narrative}"


def load(experiment: str, claims: str, claims_figure: str, metrics: list, figures: dict) -> Study:
    """Read the files a notebook is given (paths relative to the working directory;
    ``metrics``: ``{variant: path}`` of each replicate, in replicate order)."""
    document = read_document(claims, required=("experiment", "variants", "claims", "printed", "records"))
    if document["experiment"] != experiment:
        raise ValueError(f"{claims}: holds the claims of {document['experiment']!r}, not {experiment!r}")
    replicates = [{variant: read_document(path) for variant, path in files.items()} for files in metrics]
    return Study(experiment, document["variants"], document["claims"], document["printed"], document["records"],
                 Path(claims_figure), median_metrics(replicates),
                 {name: Path(path) for name, path in figures.items()})


def pieces():
    return environment().get_template("notebook.html.j2").module


def heading(study: Study, title: str) -> str:
    return str(pieces().heading(study.experiment, title, study.claims))


def claims_html(study: Study) -> str:
    """The variants (which is the write-up's model), what the write-up observed beside
    what the pipeline measured, and the numbers it prints beside the pipeline's."""
    return (variants_table(study.experiment, study.variants)
            + scorecard([{"experiment": study.experiment, "claims": study.claims}])
            + printed_table(study.experiment, study.printed + study.records))


def claims_png(study: Study) -> bytes:
    """The strips of each claim's per-replicate values against its threshold."""
    return study.claims_figure.read_bytes()


def metrics_html(study: Study, names=None) -> str:
    """The metrics per variant and split (only ``names``, if given)."""
    return metrics_table(study.experiment, study.metrics, names)


def figures(study: Study):
    """``(caption HTML, picture HTML)`` for each figure (PNG or GIF, held in the page),
    in name order."""
    for name, path in sorted(study.figures.items()):
        yield str(pieces().figure_caption(name)), str(pieces().picture(name, path))
