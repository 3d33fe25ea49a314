"""Rule ``report``: ``results/report/index.html`` from claims, the tidy metrics table,
figures, benchmarks and the executed notebooks, each handed over by experiment and name."""

import os
from pathlib import Path

import pandas as pd

from lstm_toys.data.documents import read_document
from lstm_toys.logs import job_logger
from lstm_toys.presentation import tidy
from lstm_toys.presentation.costs import training_cost
from lstm_toys.presentation.provenance import provenance
from lstm_toys.presentation.report import render

log = job_logger(snakemake.log[0], "report")
output = Path(snakemake.output[0])
files = snakemake.params.files
costs = {
    experiment: {
        model: training_cost(benchmark, files["histories"][experiment][model])
        for model, benchmark in benchmarks.items()
    }
    for experiment, benchmarks in files["benchmarks"].items()
}
notebooks = {experiment: os.path.relpath(path, output.parent) for experiment, path in files["notebooks"].items()}
metrics = {
    experiment: tidy.summary(rows).to_dict("records")
    for experiment, rows in tidy.read(snakemake.input.metrics).groupby("experiment", sort=False)
}
write_ups = pd.read_csv(snakemake.input.write_ups, sep="\t", dtype=str).set_index("write_up")["title"].to_dict()
html = render(
    snakemake.params.title,
    claims=[read_document(path, required=("experiment", "variants", "claims", "printed", "records"))
            for path in files["claims"].values()],
    metrics=metrics,
    figures={e: {name: Path(path) for name, path in figures.items()} for e, figures in files["figures"].items()},
    claims_figures={e: Path(path) for e, path in files["claims_figures"].items()},
    costs=costs,
    provenance=provenance(snakemake.params.config_sha256),
    notebooks=notebooks,
    forecast=read_document(snakemake.input.forecast, required=("wall_seconds", "critical_path")),
    write_ups=write_ups,
    preview=snakemake.params.preview,
)
output.write_text(html, encoding="utf-8")
log.info("%s: %d experiments, %d input files", output, len(costs), len(snakemake.input.files))
