"""Rule ``metrics``: scores of one variant on every split (NumPy only)."""

import json

from lstm_toys.data.arrays import load_npz, nest
from lstm_toys.data.documents import write_document
from lstm_toys.evaluation.scores import before_training
from lstm_toys.inputs import named
from lstm_toys.logs import job_logger
from lstm_toys.kind import load_kind
from lstm_toys.training.history import read_history

spec = json.loads(snakemake.params.spec)
log = job_logger(snakemake.log[0], "metrics")
datasets = {split: load_npz(path) for split, path in named(snakemake.input, "dataset").items()}
predictions = nest(load_npz(snakemake.input.predictions))
history = read_history(snakemake.input.history)
snapshots = load_npz(snakemake.input.snapshots)
metrics = load_kind(spec["kind"]).load("metrics")(spec, datasets, predictions, history, snapshots)
untrained = before_training(snapshots)
if untrained:
    metrics["training"] = {**metrics.get("training", {}), **untrained}
write_document(snakemake.output[0], metrics)
log.info("%s: %s", snakemake.output[0], json.dumps(metrics, sort_keys=True))
