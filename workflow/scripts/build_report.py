"""Rule ``report``: ``results/report/index.html`` from claims, metrics and figures."""

from pathlib import Path

from lstm_toys.logs import job_logger
from lstm_toys.report import read_json, render

log = job_logger(snakemake.log[0], "report")
claims = [read_json(path) for path in snakemake.input.claims]
metrics, figures = {}, {}
for path in map(Path, snakemake.input.metrics):
    metrics.setdefault(path.parent.name, {})[path.stem] = read_json(path)
for path in map(Path, snakemake.input.figures):
    figures.setdefault(path.parent.name, {})[path.stem] = path
Path(snakemake.output[0]).write_text(render(snakemake.params.title, claims, metrics, figures), encoding="utf-8")
log.info("%s: %d experiments, %d figures", snakemake.output[0], len(metrics), len(snakemake.input.figures))
