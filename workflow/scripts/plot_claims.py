"""Rule ``claims_figure``: one experiment's claims over its replicates, as strips."""

from lstm_toys.data.documents import read_document
from lstm_toys.logs import job_logger
from lstm_toys.presentation.figures import save
from lstm_toys.presentation.strips import claims_figure

log = job_logger(snakemake.log[0], "claims_figure")
document = read_document(snakemake.input.claims, required=("experiment", "claims"))
save(claims_figure(document), snakemake.output[0])
log.info("%s: %d claims", snakemake.output[0], len(document["claims"]))
