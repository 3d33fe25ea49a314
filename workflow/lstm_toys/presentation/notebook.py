"""The pieces of an experiment's notebook (``workflow/notebooks/experiment.ipynb``,
one template for every kind: a kind's story lives with its claims).

Papermill hands the template plain data (an experiment id, its kind, a title, file
paths); the notebook's own cells load the tidy tables with pandas and plot them, and
call these functions only for text from the config, which they return as HTML rendered
from Jinja2 templates with autoescape, so that no config value is ever run as code or
markup.
"""

from pathlib import Path

from lstm_toys.data.documents import read_document
from lstm_toys.kind import Story, load_kind
from lstm_toys.presentation.report import environment
from lstm_toys.presentation.scorecard import counts


def story(kind: str) -> Story:
    """The kind's story (its ``story`` hook, beside its claims)."""
    return load_kind(kind).load("story")


def introduction(told: Story) -> str:
    """The notebook's opening, as markdown (the kind's own text, not config)."""
    return f"# {told.title}\n\n{told.narrative}"


def load(experiment: str, claims) -> dict:
    """The experiment's claims document (``results/claims/<experiment>.json``)."""
    document = read_document(claims, required=("experiment", "variants", "claims", "printed", "records"))
    if document["experiment"] != experiment:
        raise ValueError(f"{claims}: holds the claims of {document['experiment']!r}, not {experiment!r}")
    return document


def pieces():
    return environment().get_template("notebook.html.j2").module


def heading(document: dict, title: str) -> str:
    return str(pieces().heading(document["experiment"], title, counts(document["claims"])))


def observations(document: dict) -> str:
    """Each observation of the write-up with its verdict and measurement, then the
    numbers the write-up prints beside the pipeline's and what each variant is."""
    return str(pieces().observations(document))


def figure(name: str, path) -> str:
    """A figure (PNG or GIF) held in the page, under its name."""
    return str(pieces().figure(name, Path(path)))
