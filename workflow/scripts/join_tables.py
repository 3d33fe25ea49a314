"""Rule ``tables``: the experiments' tidy tables as one table each, for the study."""

from lstm_toys.logs import job_logger
from lstm_toys.presentation import tidy

log = job_logger(snakemake.log[0], "tables")
for what in ("metrics", "claims"):
    table = tidy.concatenated(snakemake.input[what])
    tidy.write(table, snakemake.output[what])
    log.info("%s: %d rows", snakemake.output[what], len(table))
