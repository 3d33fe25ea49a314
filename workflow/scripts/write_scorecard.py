"""Rule ``scorecard``: every experiment's claims as one Markdown table, in the
write-ups' order, with the verdicts before beside them where a file of them is given."""

from lstm_toys.data.documents import read_document
from lstm_toys.logs import job_logger
from lstm_toys.presentation.scorecard import markdown

log = job_logger(snakemake.log[0], "scorecard")
documents = [read_document(path, required=("experiment", "claims")) for path in snakemake.input.claims]
before = snakemake.input.get("before")
with open(snakemake.output[0], "w", encoding="utf-8") as handle:
    handle.write(markdown(documents, before, snakemake.params.preview))
log.info("%s: %d experiments", snakemake.output[0], len(documents))
