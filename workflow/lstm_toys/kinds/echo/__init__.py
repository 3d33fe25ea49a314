"""Echo of random integer sequences by stateful LSTMs (section F)."""

from typing import Literal

from lstm_toys.kind import Kind
from lstm_toys.settings import PositiveInt, RecurrentModel, setting, settings


@settings
class Model(RecurrentModel):
    architecture: Literal["whole", "seq2seq"] = setting("one LSTM over the window (whole), or an encoder-decoder")
    units: PositiveInt = setting("units of each LSTM")
    batch: PositiveInt = setting("rows per batch of the stateful layers; training.batch_size must equal it")


KIND = Kind(
    __name__,
    model=Model,
    sections=("model",),
    fit="model:fit",
    steps_per_epoch="model:steps_per_epoch",
    predict="predict:predict",
    plots="plots:PLOTS",
    problems="lstm_toys.kinds.echo:problems",
)


def problems(model: dict, training: dict, data: dict) -> list:
    """A batch of the stateful layers must fit in one sequence's windows; the batch is
    the model's (one state per row), so a training batch_size that differs from it
    would be silently ignored: it is refused."""
    options = data["options"]
    windows = options["length"] - options["n_in"] + 1
    found = []
    if model["batch"] > windows:
        found.append(("model.batch", f"{model['batch']} rows exceed the {windows} windows of one sequence"))
    if training["batch_size"] != model["batch"]:
        found.append(("training.batch_size", f"{training['batch_size']} differs from model.batch {model['batch']}, "
                                             "the rows of the stateful layers (set both)"))
    return found
