"""Rule ``claims``: each claim of one experiment, measured on every replicate and
judged against its threshold over all of them; and the numbers the write-up prints,
beside the pipeline's."""

import json

from lstm_toys.data.documents import read_document, write_document
from lstm_toys.evaluation.printed import compare
from lstm_toys.evaluation.replicates import assess
from lstm_toys.inputs import by_replicate
from lstm_toys.logs import job_logger
from lstm_toys.kind import load_kind

spec = json.loads(snakemake.params.spec)
log = job_logger(snakemake.log[0], "claims")


def metrics_of(what):
    """Every replicate's metrics documents of the inputs named ``r<k>_<what>_<variant>``."""
    return [{variant: read_document(path) for variant, path in files.items()} for files in by_replicate(snakemake.input, what)]


replicates = metrics_of("metrics")
claims = dict(spec["claims"])
references = {name: [next(iter(files.values())) for files in metrics_of(f"reference-{name}")]
              for name, block in claims.items() if "reference" in block}
verdicts = assess(load_kind(spec["kind"]).load("claims"), claims, replicates, spec["seed"], references)
write_document(snakemake.output[0], {"experiment": spec["experiment"], "variants": spec["variants"], "claims": verdicts,
                                     "printed": compare(spec["printed"], replicates),
                                     "records": compare(spec["records"], replicates)})
for verdict in verdicts:
    log.info("%s %s: %d of %d replicates %s %s, median %s, interval %s, p %.3g -> %s", spec["experiment"],
             verdict["claim"], verdict["passing"], verdict["replicates"], verdict["comparison"], verdict["threshold"],
             verdict["measured"], verdict["interval"], verdict["p_value"], verdict["verdict"])
