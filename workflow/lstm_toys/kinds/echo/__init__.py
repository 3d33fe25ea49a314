"""Echo of random integer sequences by stateful LSTMs (section F)."""

from lstm_toys.kind import Kind, UNITS, model_schema

KIND = Kind(
    __name__,
    model_schema=model_schema(
        ("architecture", "units", "batch"),
        architecture={"enum": ["whole", "seq2seq"]},
        units=UNITS,
        batch={**UNITS, "description": "Rows per batch of the stateful layers."},
    ),
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
    options = data.get("options", {})
    windows = options.get("length", 0) - options.get("n_in", 0) + 1
    found = []
    if model["batch"] > windows:
        found.append(("model.batch", f"{model['batch']} rows exceed the {windows} windows of one sequence"))
    if training.get("batch_size", model["batch"]) != model["batch"]:
        found.append(("training.batch_size", f"{training['batch_size']} differs from model.batch {model['batch']}, "
                                             "the rows of the stateful layers (set both)"))
    return found
