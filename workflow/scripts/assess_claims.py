"""Rule ``claims``: each claim of one experiment, measured against its threshold."""

import json

from lstm_toys.data.documents import read_document, write_document
from lstm_toys.evaluation.verdicts import assess
from lstm_toys.inputs import named
from lstm_toys.logs import job_logger
from lstm_toys.registry import kind

spec = json.loads(snakemake.params.spec)
log = job_logger(snakemake.log[0], "claims")
metrics = {variant: read_document(path) for variant, path in named(snakemake.input, "metrics").items()}
verdicts = assess(kind(spec["kind"]).load("claims"), spec["claims"], metrics)
write_document(snakemake.output[0], {"experiment": spec["experiment"], "claims": verdicts})
for verdict in verdicts:
    log.info("%s %s: measured %s %s %s -> %s", spec["experiment"], verdict["claim"], verdict["measured"],
             verdict["comparison"], verdict["threshold"], "reproduced" if verdict["reproduced"] else "not reproduced")
