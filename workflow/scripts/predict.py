"""Rule ``predict``: run a trained variant on every split of its experiment."""

import json

from lstm_toys.inputs import named
from lstm_toys.logs import job_logger
from lstm_toys.training import runtime

runtime.skip_unused_imports()
spec = json.loads(snakemake.params.spec)
log = job_logger(snakemake.log[0], "predict")
runtime.configure(snakemake.threads, spec["seed"])

from lstm_toys.data.arrays import flatten, load_npz, save_npz  # noqa: E402
from lstm_toys.kind import load_kind  # noqa: E402
from lstm_toys.training.inference import load_model  # noqa: E402

plugin = load_kind(spec["kind"])
plugin.load("build")  # first: importing the model's module registers the kind's custom layers
model = load_model(snakemake.input.model)
datasets = {split: load_npz(path, required=("inputs",)) for split, path in named(snakemake.input, "dataset").items()}
predictions = plugin.load("predict")(model, datasets, spec)
save_npz(snakemake.output[0], flatten(predictions))
log.info("%s: predicted splits %s", snakemake.output[0], ", ".join(datasets))
