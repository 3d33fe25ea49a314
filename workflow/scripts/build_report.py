"""Rule ``report``: ``results/report/index.html`` from claims, metrics, figures,
benchmarks and the executed notebooks."""

import os
from pathlib import Path

from lstm_toys.costs import training_cost
from lstm_toys.logs import job_logger
from lstm_toys.provenance import provenance
from lstm_toys.report import read_json, render


def by_experiment(paths, read=Path):
    """``{experiment: {name: read(path)}}`` for ``.../<experiment>/<name>.<ext>`` paths."""
    nested = {}
    for path in map(Path, paths):
        nested.setdefault(path.parent.name, {})[path.stem] = read(path)
    return nested


log = job_logger(snakemake.log[0], "report")
output = Path(snakemake.output[0])
costs = {}
for benchmark, history in zip(snakemake.input.benchmarks, snakemake.input.histories):
    experiment, variant = Path(history).parts[-3:-1]
    costs.setdefault(experiment, {})[variant] = training_cost(benchmark, history)
notebooks = {Path(p).stem: os.path.relpath(p, output.parent) for p in snakemake.input.notebooks}
html = render(
    snakemake.params.title,
    claims=[read_json(path) for path in snakemake.input.claims],
    metrics=by_experiment(snakemake.input.metrics, read_json),
    figures=by_experiment(snakemake.input.figures),
    costs=costs,
    provenance=provenance(snakemake.params.config_sha256),
    notebooks=notebooks,
)
output.write_text(html, encoding="utf-8")
log.info("%s: %d experiments, %d figures, %d notebooks", output, len(costs), len(snakemake.input.figures), len(notebooks))
