"""Rule ``claims``: each claim of one experiment, measured against its threshold."""

import json
from lstm_toys.evaluation.verdicts import assess
from lstm_toys.inputs import named
from lstm_toys.logs import job_logger
from lstm_toys.registry import kind

spec = json.loads(snakemake.params.spec)
log = job_logger(snakemake.log[0], "claims")
metrics = {}
for variant, path in named(snakemake.input, "metrics").items():
    with open(path) as handle:
        metrics[variant] = json.load(handle)
verdicts = assess(kind(spec["kind"]).load("claims"), spec["claims"], metrics)
with open(snakemake.output[0], "w") as handle:
    json.dump({"experiment": spec["experiment"], "claims": verdicts}, handle, indent=2, sort_keys=True)
for verdict in verdicts:
    log.info("%s %s: measured %s %s %s -> %s", spec["experiment"], verdict["claim"], verdict["measured"],
             verdict["comparison"], verdict["threshold"], "reproduced" if verdict["reproduced"] else "not reproduced")
