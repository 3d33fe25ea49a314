"""Rule ``metrics``: scores of one variant on every split (NumPy only)."""

import json
from importlib import import_module

from lstm_toys.arrays import load_npz, nest
from lstm_toys.history import read_history
from lstm_toys.inputs import named
from lstm_toys.logs import job_logger

spec = json.loads(snakemake.params.spec)
log = job_logger(snakemake.log[0], "metrics")
datasets = {split: load_npz(path) for split, path in named(snakemake.input, "dataset").items()}
predictions = nest(load_npz(snakemake.input.predictions))
history = read_history(snakemake.input.history)
metrics = import_module(spec["module"]).compute(spec, datasets, predictions, history)
with open(snakemake.output[0], "w") as handle:
    json.dump(metrics, handle, indent=2, sort_keys=True)
log.info("%s: %s", snakemake.output[0], json.dumps(metrics, sort_keys=True))
