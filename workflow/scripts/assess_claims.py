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
replicates = [
    {variant: read_document(path) for variant, path in files.items()} for files in by_replicate(snakemake.input, "metrics")
]
verdicts = assess(load_kind(spec["kind"]).load("claims"), dict(spec["claims"]), replicates, spec["seed"])
printed = compare(spec["printed"], replicates)
write_document(snakemake.output[0],
               {"experiment": spec["experiment"], "variants": spec["variants"], "claims": verdicts, "printed": printed})
for verdict in verdicts:
    log.info("%s %s: %d of %d replicates %s %s, median %s, interval %s, p %.3g -> %s", spec["experiment"],
             verdict["claim"], verdict["passing"], verdict["replicates"], verdict["comparison"], verdict["threshold"],
             verdict["measured"], verdict["interval"], verdict["p_value"], verdict["verdict"])
