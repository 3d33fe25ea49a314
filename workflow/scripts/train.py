"""Rule ``train``: fit one replicate of one model variant; per-epoch progress goes to the rule's log."""

import json

from lstm_toys.logs import job_logger
from lstm_toys.training import runtime

runtime.skip_unused_imports()
spec = json.loads(snakemake.params.spec)
log = job_logger(snakemake.log[0], "train")
runtime.configure(snakemake.threads, spec["seed"])

from lstm_toys.data.arrays import load_npz, save_npz  # noqa: E402  (after the threads are set)
from lstm_toys.kind import load_kind  # noqa: E402
from lstm_toys.training.fit import run_name  # noqa: E402
from lstm_toys.training.history import write_history  # noqa: E402

train = load_npz(snakemake.input.train, required=("inputs", "targets"))
val = load_npz(snakemake.input.val, required=("inputs", "targets"))
plugin = load_kind(spec["kind"])
model = plugin.load("build")(spec["model"], train["inputs"].shape[1:], train["targets"].shape[1:])
log.info("%s: %d parameters; %s", run_name(spec), model.count_params(), runtime.describe_threads())
rows, snapshots = plugin.load("fit")(model, spec, train, val, log)
model.save(snakemake.output.model)
write_history(rows, snakemake.output.history)
save_npz(snakemake.output.snapshots, snapshots)
