"""Rule ``figure``: one named figure of one experiment (matplotlib, no TensorFlow)."""

import json

from lstm_toys.inputs import by_replicate, named
from lstm_toys.logs import job_logger
from lstm_toys.presentation.figures import READABLE, load_figure_data, save
from lstm_toys.kind import load_kind


def replicate_data(inputs):
    """``FigureData`` of each replicate whose files are named ``r<k>_<what>_<variant>``
    (none unless the plot reads every replicate)."""
    files = [by_replicate(inputs, what) for what in READABLE]  # [] for what the plot does not read
    count = max(len(replicates) for replicates in files)
    return [load_figure_data({}, *(replicates[k] if replicates else {} for replicates in files)) for k in range(count)]


spec = json.loads(snakemake.params.spec)
log = job_logger(snakemake.log[0], "figure")
data = load_figure_data(named(snakemake.input, "dataset"), *(named(snakemake.input, what) for what in READABLE))
data.replicates = replicate_data(snakemake.input)
plot = load_kind(spec["kind"]).load("plots")[spec["plot"]]
figure = plot.draw(data, {**spec["options"], "train_ranges": spec["train_ranges"]})
save(figure, snakemake.output[0])
log.info("%s: plot %s (replicate %d)", snakemake.output[0], spec["plot"], spec["replicate"])
