"""Rule ``figure``: one named figure of one experiment (matplotlib, no TensorFlow)."""

import json
from lstm_toys.inputs import named
from lstm_toys.logs import job_logger
from lstm_toys.presentation.figures import READABLE, load_figure_data, save
from lstm_toys.registry import kind


spec = json.loads(snakemake.params.spec)
log = job_logger(snakemake.log[0], "figure")
data = load_figure_data(named(snakemake.input, "dataset"), *(named(snakemake.input, what) for what in READABLE))
plot = kind(spec["kind"]).load("plots")[spec["plot"]]
figure = plot.draw(data, {**spec.get("options", {}), "train_ranges": spec["train_ranges"]})
save(figure, snakemake.output[0])
log.info("%s: plot %s", snakemake.output[0], spec["plot"])
