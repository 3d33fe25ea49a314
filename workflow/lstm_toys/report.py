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
    header = "<tr><th>experiment</th><th>claim</th><th>statement</th><th>measured</th><th>threshold</th><th>reproduced</th></tr>"
    return f"<table id='scorecard'>{header}{''.join(rows)}</table>"


def metrics_table(experiment: str, metrics: dict) -> str:
    names = sorted({name for splits in metrics.values() for scores in splits.values() for name in scores})
    header = "<tr><th>variant</th><th>split</th>" + "".join(f"<th>{escape(n)}</th>" for n in names) + "</tr>"
    rows = [
        f"<tr><td>{escape(variant)}</td><td>{escape(split)}</td>"
        + "".join(f"<td class='num'>{number(scores.get(n))}</td>" for n in names)
        + "</tr>"
        for variant, splits in sorted(metrics.items())
        for split, scores in splits.items()
    ]
    return f"<table class='metrics' data-experiment='{escape(experiment)}'>{header}{''.join(rows)}</table>"


def experiment_section(experiment: str, metrics: dict, figures: dict) -> str:
    images = "".join(
        f"<figure><img src='{embedded_png(path)}' alt='{escape(name)}'><figcaption>{escape(name)}</figcaption></figure>"
        for name, path in sorted(figures.items())
    )
    return f"<section id='{escape(experiment)}'><h2>{escape(experiment)}</h2>{metrics_table(experiment, metrics)}{images}</section>"


def render(title: str, claims: list, metrics: dict, figures: dict) -> str:
    """``metrics[experiment][variant]`` and ``figures[experiment][name]`` hold file contents / paths."""
    sections = "".join(experiment_section(e, metrics[e], figures.get(e, {})) for e in sorted(metrics))
    return (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>{escape(title)}</title><style>{STYLE}</style></head><body>"
        f"<h1>{escape(title)}</h1><h2>Claims</h2>{scorecard(claims)}{sections}</body></html>\n"
    )
