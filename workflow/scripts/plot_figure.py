"""Rule ``figure``: one named figure of one experiment (matplotlib, no TensorFlow)."""

import json
from importlib import import_module

from lstm_toys.plotting import load_figure_data, save
from lstm_toys.logs import job_logger


def named(prefix):
    """Named inputs ``<prefix>_<name>`` as ``{name: path}``, in input order."""
    return {key[len(prefix) + 1 :]: path for key, path in snakemake.input.items() if key.startswith(prefix + "_")}


spec = json.loads(snakemake.params.spec)
log = job_logger(snakemake.log[0], "figure")
data = load_figure_data(named("dataset"), named("predictions"), named("history"), named("snapshots"))
plot = import_module(spec["module"]).PLOTS[spec["plot"]]
figure = plot(data, {**spec.get("options", {}), "train_ranges": spec["train_ranges"]})
save(figure, snakemake.output[0])
log.info("%s: plot %s", snakemake.output[0], spec["plot"])
