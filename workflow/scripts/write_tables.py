"""Rule ``experiment_tables``: one experiment's metrics of every replicate and its claims
as tidy tables (``presentation.tidy``)."""

from lstm_toys.data.documents import read_document
from lstm_toys.inputs import by_replicate
from lstm_toys.logs import job_logger
from lstm_toys.presentation import tidy

log = job_logger(snakemake.log[0], "experiment_tables")
experiment = snakemake.wildcards.experiment
replicates = [{variant: read_document(path) for variant, path in files.items()}
              for files in by_replicate(snakemake.input, "metrics")]
metrics = tidy.metrics_rows(experiment, replicates)
claims = tidy.claims_rows(read_document(snakemake.input.claims, required=("experiment", "claims")))
tidy.write(metrics, snakemake.output.metrics)
tidy.write(claims, snakemake.output.claims)
log.info("%s: %d metric rows, %d claim rows", experiment, len(metrics), len(claims))
