"""The HTML report: claims scorecard over replicates, metrics per variant and split
(medians over replicates), figures.

The markup is in Jinja2 templates (``templates/``), rendered with autoescape: every
string that comes from the config or a results file is escaped by Jinja itself,
and only the templates write markup. Self-contained: figures are embedded.
"""

import base64
from pathlib import Path

import jinja2

from lstm_toys.presentation.verdict_colours import css_class, row_css

TEMPLATES = Path(__file__).resolve().parent / "templates"
COST_COLUMNS = ["wall s", "max RSS MB", "epochs", "s per epoch"]


def number(value) -> str:
    """A value for a table cell: floats to 4 significant digits, lists joined."""
    if value is None:
        return "n/a"
    if isinstance(value, float):
        return f"{value:.4g}"
    if isinstance(value, list):
        return ", ".join(number(v) for v in value)
    return str(value)


def embedded_image(path) -> str:
    """A PNG or GIF file as a data URI, so that the page holds its pictures."""
    mime = {".png": "image/png", ".gif": "image/gif"}[Path(path).suffix]
    return f"data:{mime};base64," + base64.b64encode(Path(path).read_bytes()).decode("ascii")


def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,  # a misspelt name fails the job, not a blank cell
        keep_trailing_newline=True,
    )
    env.filters.update(number=number, embedded_image=embedded_image, css_class=css_class)
    env.globals.update(verdict_css=row_css())
    return env


def animation_page(animation, page, title: str) -> None:
    """A page that shows one animation (for Snakemake's report, which shows pages)."""
    html = environment().get_template("animation.html.j2").render(title=title, animation=animation)
    Path(page).write_text(html, encoding="utf-8")


def tables():
    """The shared table macros, callable from Python (they return escaped markup)."""
    return environment().get_template("tables.html.j2").module


def metric_names(metrics: dict) -> list:
    """Every metric name present in ``metrics[variant][split]``, sorted."""
    return sorted({name for splits in metrics.values() for scores in splits.values() for name in scores})


def metrics_table(experiment: str, metrics: dict, names=None) -> str:
    """``metrics[variant][split][name]``, one row per variant and split (the
    columns ``names``, by default every metric present)."""
    return str(tables().metrics_table(experiment, metrics, list(names or metric_names(metrics))))


def scorecard(claims: list) -> str:
    return str(tables().scorecard(claims))


def variants_table(experiment: str, variants: dict) -> str:
    return str(tables().variants_table(experiment, variants))


def printed_table(experiment: str, rows: list) -> str:
    return str(tables().printed_table(experiment, rows))


def render(title: str, claims: list, metrics: dict, figures: dict, claims_figures=None, costs=None, provenance=None,
           notebooks=None, forecast=None) -> str:
    """``metrics[experiment][variant]`` hold the medians over replicates,
    ``figures[experiment][name]`` PNG paths, ``claims_figures[experiment]`` the PNG
    of its claims over replicates, ``notebooks[experiment]`` links relative to the report,
    ``forecast`` the build's simulated wall times (``presentation.forecast``)."""
    costs = costs or {}
    return environment().get_template("report.html.j2").render(
        title=title,
        claims=claims,
        variants={document["experiment"]: document["variants"] for document in claims},
        printed={document["experiment"]: document["printed"] + document["records"] for document in claims},
        claims_figures=claims_figures or {},
        verdicts=[verdict for document in claims for verdict in document["claims"]],
        experiments=sorted(metrics),
        metrics=metrics,
        metric_names={experiment: metric_names(variants) for experiment, variants in metrics.items()},
        figures=figures,
        costs=costs,
        cost_columns=COST_COLUMNS,
        total_training_seconds=sum(cost["wall s"] or 0 for variants in costs.values() for cost in variants.values()),
        provenance=provenance or {},
        notebooks=notebooks or {},
        forecast=forecast,
    )
