"""The HTML report: first what held up (each write-up's observations, one line each),
then one section per experiment in the write-ups' order (its observations, figures and
headline numbers; every metric behind a disclosure), the cost and the provenance.

The markup is in Jinja2 templates (``templates/``), rendered with autoescape: every
string that comes from the config or a results file is escaped by Jinja itself,
and only the templates write markup. Self-contained: figures are embedded.
"""

import base64
import re
from pathlib import Path

import jinja2
from PIL import Image

from lstm_toys.presentation import scorecard
from lstm_toys.presentation.strip_geometry import geometry
from lstm_toys.presentation.verdict_colours import STRONG, css_class, row_css

TEMPLATES = Path(__file__).resolve().parent / "templates"
COST_COLUMNS = ["wall s", "max RSS MB", "epochs", "s per epoch"]
STRIP_WIDTH = 120  # px: the inline strip of a claim's replicates
PANEL_SHARE = 2 / 3  # the least share of its drawn size a figure is shown at


def number(value) -> str:
    """A value for a table cell: floats to 4 significant digits, lists joined."""
    if value is None:
        return "n/a"
    if isinstance(value, float):
        return f"{value:.4g}"
    if isinstance(value, list):
        return ", ".join(number(v) for v in value)
    return str(value)


def brief(value) -> str:
    """A measured value at the precision a reader compares it with a threshold: 3 digits."""
    return number(value) if not isinstance(value, float) else f"{value:.3g}"


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
    env.filters.update(number=number, brief=brief, embedded_image=embedded_image, css_class=css_class)
    env.globals.update(verdict_css=row_css(), strong=STRONG)
    return env


def animation_page(animation, page, title: str) -> None:
    """A page that shows one animation (for Snakemake's report, which shows pages)."""
    html = environment().get_template("animation.html.j2").render(title=title, animation=animation)
    Path(page).write_text(html, encoding="utf-8")


def tables():
    """The shared table macros, callable from Python (they return escaped markup)."""
    return environment().get_template("tables.html.j2").module


def claim_name(claim: str) -> str:
    """A claim's id in words: ``diverges_beyond_0_5`` -> ``diverges beyond 0.5``."""
    return re.sub(r"(\d)_(\d)", r"\1.\2", claim).replace("_", " ")


def write_up_of(verdict: dict) -> str:
    """The write-up's number (``000``) from a claim's source (``000_<hash>.txt:18-21``)."""
    return verdict["source"].split("_")[0]


def held_up(documents: list, write_ups: dict) -> list:
    """The first screen: per write-up, in order, its title, its observations (each with
    its strip's geometry) and the count of each verdict."""
    groups = {}
    for row in scorecard.rows(documents):
        groups.setdefault(write_up_of(row), []).append(
            {**row, "name": claim_name(row["claim"]), "strip": geometry(row, STRIP_WIDTH)})
    return [{"write_up": number, "title": write_ups.get(number, ""), "rows": rows, "totals": scorecard.counts(rows)}
            for number, rows in groups.items()]


def experiment_order(documents: list) -> list:
    """The experiments in the order of their first observation in the write-ups, then
    those without claims, by name."""
    ordered = list(dict.fromkeys(row["experiment"] for row in scorecard.rows(documents)))
    return ordered + sorted(document["experiment"] for document in documents
                            if document["experiment"] not in ordered)


def figure_widths(figures: dict) -> dict:
    """``{name: the least width, in px, it is shown at}``: each panel of a figure stays
    at least ``PANEL_SHARE`` of its drawn width (450 px panels: 300 px and more); a
    figure wider than the page scrolls inside its own frame, never the page."""
    return {name: round(PANEL_SHARE * image_width(path)) for name, path in figures.items()}


def image_width(path) -> int:
    """The width of a PNG or GIF, in px (Pillow reads the header, not the pixels)."""
    with Image.open(path) as image:
        return image.width


def render(title: str, claims: list, metrics: dict, figures: dict, claims_figures=None, costs=None, provenance=None,
           notebooks=None, forecast=None, write_ups=None, preview=()) -> str:
    """``claims``: the claims documents; ``metrics[experiment]``: rows of ``tidy.summary``
    (variant, split, metric, median, low, high, replicates); ``figures[experiment][name]``
    PNG or GIF paths; ``claims_figures[experiment]`` the PNG of its claims over replicates;
    ``notebooks[experiment]`` links relative to the report; ``forecast`` the build's
    simulated wall times (``presentation.forecast``); ``write_ups`` their titles by number;
    ``preview`` the settings in which the config is smaller than the full one."""
    costs = costs or {}
    figures = {experiment: dict(sorted(named.items())) for experiment, named in figures.items()}
    return environment().get_template("report.html.j2").render(
        title=title,
        preview=list(preview),
        groups=held_up(claims, write_ups or {}),
        overall=scorecard.counts([verdict for document in claims for verdict in document["claims"]]),
        documents={document["experiment"]: document for document in claims},
        experiments=experiment_order(claims),
        claims_figures=claims_figures or {},
        metrics=metrics,
        figures=figures,
        widths={experiment: figure_widths(named) for experiment, named in figures.items()},
        costs=costs,
        cost_columns=COST_COLUMNS,
        total_training_seconds=sum(cost["wall s"] or 0 for variants in costs.values() for cost in variants.values()),
        provenance=provenance or {},
        notebooks=notebooks or {},
        forecast=forecast,
        strip_width=STRIP_WIDTH,
    )
