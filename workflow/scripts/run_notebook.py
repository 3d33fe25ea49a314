"""Rule ``notebook``: execute the kind's template with papermill, strip the run's
timestamps, and render the executed notebook as offline HTML (no TensorFlow).

One process for the three steps: each of the papermill and nbconvert programs
would cost its own interpreter start and imports."""

import json
import logging

import papermill
from nbconvert import HTMLExporter

from lstm_toys.inputs import by_replicate, named
from lstm_toys.logs import job_logger
from lstm_toys.presentation.executed import run_with_fresh_kernel_on_port_race, strip_file

log = job_logger(snakemake.log[0], "notebook")
logging.getLogger("papermill").addHandler(log.handlers[0])  # each cell's output, into the log
# The parameters are data: papermill writes each value into the notebook as a Python literal.
files = {
    "tables": {"metrics": snakemake.input.metrics_table, "claims": snakemake.input.claims_table},
    "histories": by_replicate(snakemake.input, "history"),
    "figures": named(snakemake.input, "figure"),
}
parameters = dict(sorted({**json.loads(snakemake.params.parameters), **files}.items()))
run_with_fresh_kernel_on_port_race(
    lambda: papermill.execute_notebook(snakemake.input.template, snakemake.output.notebook,
                                       parameters=parameters, kernel_name="python3",
                                       progress_bar=False, log_output=True),
    log,
)
strip_file(snakemake.output.notebook)
html, _ = HTMLExporter(template_file=snakemake.input.html_template).from_filename(snakemake.output.notebook)
with open(snakemake.output.html, "w", encoding="utf-8") as handle:
    handle.write(html)
log.info("%s: executed and rendered", snakemake.output.notebook)
