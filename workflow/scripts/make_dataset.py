"""Rule ``dataset``: one split of one experiment, drawn by NumPy from its own seed."""

import json

from lstm_toys.data.arrays import save_npz
from lstm_toys.data.curves import make_split
from lstm_toys.logs import job_logger

spec = json.loads(snakemake.params.spec)
log = job_logger(snakemake.log[0], "dataset")
arrays = make_split(spec, spec["seed"])
save_npz(snakemake.output[0], arrays)
log.info("%s: inputs %s targets %s seed %d", snakemake.output[0], arrays["inputs"].shape, arrays["targets"].shape, spec["seed"])
