"""The HTML report: claims scorecard, metrics per variant and split, figures.

Self-contained (images embedded), and every string that comes from the config
or a results file is escaped.
"""

import base64
import json
from html import escape
from pathlib import Path

STYLE = """
body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 72rem; color: #222; }
table { border-collapse: collapse; margin: 1rem 0; }
th, td { border: 1px solid #ccc; padding: 0.25rem 0.6rem; text-align: left; vertical-align: top; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.yes { background: #e3f6e3; } .no { background: #fbe3e3; }
section { overflow-x: auto; }
figure { display: inline-block; margin: 0.5rem; } img { max-width: 34rem; border: 1px solid #ddd; }
"""


def number(value) -> str:
    if value is None:
        return "n/a"
    if isinstance(value, float):
        return f"{value:.4g}"
    if isinstance(value, list):
        return ", ".join(number(v) for v in value)
    return escape(str(value))


def read_json(path) -> dict:
    with open(path) as handle:
        return json.load(handle)


def embedded_png(path) -> str:
    return "data:image/png;base64," + base64.b64encode(Path(path).read_bytes()).decode("ascii")


def scorecard(claims: list) -> str:
    rows = []
    for document in claims:
        for verdict in document["claims"]:
            outcome = "yes" if verdict["reproduced"] else "no"
            rows.append(
                f"<tr class='{outcome}'><td>{escape(document['experiment'])}</td><td>{escape(verdict['claim'])}</td>"
                f"<td>{escape(verdict['statement'])}</td><td class='num'>{number(verdict['measured'])}</td>"
                f"<td>{escape(verdict['comparison'])} {number(verdict['threshold'])}</td><td>{outcome}</td></tr>"
            )
    header = "<tr><th>experiment</th><th>claim</th><th>the write-up observed</th><th>measured</th><th>threshold</th><th>reproduced</th></tr>"
    return f"<table id='scorecard'>{header}{''.join(rows)}</table>"


def nested_table(attributes: str, labels: tuple, nested: dict, columns: list) -> str:
    """One row per ``nested[outer][inner]`` (a ``{column: value}`` dict holding at least
    one of ``columns``); outer keys sorted, inner keys in their order."""
    header = "<tr>" + "".join(f"<th>{escape(label)}</th>" for label in (*labels, *columns)) + "</tr>"
    rows = [
        f"<tr><td>{escape(outer)}</td><td>{escape(inner)}</td>"
        + "".join(f"<td class='num'>{number(values.get(c))}</td>" for c in columns)
        + "</tr>"
        for outer, inners in sorted(nested.items())
        for inner, values in inners.items()
        if any(c in values for c in columns)
    ]
    return f"<table {attributes}>{header}{''.join(rows)}</table>"


def metrics_table(experiment: str, metrics: dict, names=None) -> str:
    """``metrics[variant][split][name]``, one row per variant and split (the
    columns ``names``, by default every metric present)."""
    names = names or sorted({name for splits in metrics.values() for scores in splits.values() for name in scores})
    return nested_table(f"class='metrics' data-experiment='{escape(experiment)}'", ("variant", "split"), metrics, names)


def key_value_table(table_id: str, rows: dict) -> str:
    body = "".join(f"<tr><th>{escape(key)}</th><td>{number(value)}</td></tr>" for key, value in rows.items())
    return f"<table id='{table_id}'>{body}</table>"


def costs_table(costs: dict) -> str:
    """``costs[experiment][variant]``: one row per trained model (``costs.training_cost``)."""
    columns = ["wall s", "max RSS MB", "epochs", "s per epoch"]
    total = sum(cost["wall s"] or 0 for variants in costs.values() for cost in variants.values())
    table = nested_table("id='costs'", ("experiment", "variant"), costs, columns)
    return f"{table}<p>Training wall time, summed: {total:.0f} s.</p>"


def experiment_section(experiment: str, metrics: dict, figures: dict, notebook: str | None) -> str:
    images = "".join(
        f"<figure><img src='{embedded_png(path)}' alt='{escape(name)}'><figcaption>{escape(name)}</figcaption></figure>"
        for name, path in sorted(figures.items())
    )
    link = f"<p><a href='{escape(notebook)}'>the executed notebook</a></p>" if notebook else ""
    return (
        f"<section id='{escape(experiment)}'><h2>{escape(experiment)}</h2>{link}"
        f"{metrics_table(experiment, metrics)}{images}</section>"
    )


def summary(claims: list) -> str:
    verdicts = [verdict for document in claims for verdict in document["claims"]]
    reproduced = sum(verdict["reproduced"] for verdict in verdicts)
    return f"<p id='summary'><strong>{reproduced} of {len(verdicts)}</strong> claims reproduced.</p>"


def contents(experiments, notebooks: dict) -> str:
    items = "".join(
        f"<li><a href='#{escape(e)}'>{escape(e)}</a>"
        + (f" (<a href='{escape(notebooks[e])}'>notebook</a>)" if e in notebooks else "")
        + "</li>"
        for e in experiments
    )
    return f"<ul id='contents'>{items}</ul>"


def render(title: str, claims: list, metrics: dict, figures: dict, costs=None, provenance=None, notebooks=None) -> str:
    """``metrics[experiment][variant]`` hold file contents, ``figures[experiment][name]``
    PNG paths, ``notebooks[experiment]`` links relative to the report."""
    notebooks = notebooks or {}
    experiments = sorted(metrics)
    sections = "".join(
        experiment_section(e, metrics[e], figures.get(e, {}), notebooks.get(e)) for e in experiments
    )
    return (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>{escape(title)}</title><style>{STYLE}</style></head><body>"
        f"<h1>{escape(title)}</h1>{summary(claims)}{contents(experiments, notebooks)}"
        f"<h2>Claims</h2>{scorecard(claims)}"
        + (f"<h2>Training cost</h2>{costs_table(costs)}" if costs else "")
        + sections
        + (f"<h2>Provenance</h2>{key_value_table('provenance', provenance)}" if provenance else "")
        + "</body></html>\n"
    )
