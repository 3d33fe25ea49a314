"""Settings as typed models: each key's type, default, allowed values and one-line
meaning, declared once, beside the code that reads it (a kind's model settings in
its package, a stream generator's options beside it, a plot's options above it, the
training settings beside the training loop).

A model is a frozen dataclass (``@settings``) whose fields carry their meaning and
their constraints (``annotated_types``): the standard library only, so that the jobs
that import them pay nothing for it. ``contract`` turns them into the config's JSON
schema, with pydantic, which Snakemake's ``validate()`` applies and whose defaults it
fills in, and into the key tables of ``config/README.md``.

A field whose default is ``None`` is optional and has no default in the schema:
absent means "not set", and its meaning says what that does.
"""

from dataclasses import MISSING, dataclass, field, fields
from typing import Annotated, Literal, get_args

from annotated_types import Ge, Gt, Len

PositiveInt = Annotated[int, Ge(1)]
NonNegativeInt = Annotated[int, Ge(0)]
NonNegative = Annotated[float, Ge(0)]
Positive = Annotated[float, Gt(0)]
Range = Annotated[list[float], Len(2, 2)]
RecurrentActivation = Literal["sigmoid", "hard_sigmoid_keras2"]
RECURRENT_ACTIVATIONS = get_args(RecurrentActivation)

# pydantic's configuration of a model, read when the schema is made: an unknown key is an error
CLOSED = {"extra": "forbid"}


def settings(cls):
    """A closed, frozen model of settings; its fields are ``setting``s."""
    cls.__pydantic_config__ = CLOSED
    return dataclass(frozen=True, kw_only=True)(cls)


def setting(meaning: str, default=MISSING, *, factory=MISSING, unique=False, key=None, **schema):
    """A field: its one-line meaning, its default (none: required; ``factory`` for a
    list or mapping), ``unique`` items, its ``key`` in the config if not its name, and
    more JSON schema (``schema``) for what annotations cannot say."""
    extra = {**schema, **({"uniqueItems": True} if unique else {})}
    if factory is not MISSING:  # pydantic writes no default made by a factory: this one is plain data
        extra["default"] = factory()
    metadata = {"description": meaning, **({"json_schema_extra": extra} if extra else {}),
                **({"alias": key} if key else {})}
    return field(default=default, default_factory=factory, metadata=metadata)


@settings
class RecurrentModel:
    """Model settings every kind takes: its LSTMs' gates (``training/recurrent.py``)."""

    recurrent_activation: RecurrentActivation = setting(
        "the activation of every LSTM's gates: sigmoid (Keras >= 2.3, Keras 3, TensorFlow 1's LSTMCell), or "
        "hard_sigmoid_keras2, the default of Keras <= 2.2, clip(0.2 x + 0.5, 0, 1)", "sigmoid")


@settings
class HeadModel(RecurrentModel):
    """Model settings of the kinds whose models end in write-up 000's output layer."""

    head: Literal["lstm1", "dense"] = setting(
        "the output layer: lstm1, an LSTM with one unit per target channel (LSTM(1) for one), as every model of "
        "write-up 000 ends; or dense, a linear Dense layer (per time step on sequences)", "lstm1")


def with_defaults(model: type, given: dict) -> dict:
    """``given`` settings of ``model`` with its declared defaults where they are absent:
    what the config check fills in, for settings written by hand (the tests)."""
    filled = dict(given)
    for entry in fields(model):
        key = entry.metadata.get("alias", entry.name)
        if key not in filled and entry.default is not MISSING and entry.default is not None:
            filled[key] = entry.default
        elif key not in filled and entry.default_factory is not MISSING:
            filled[key] = entry.default_factory()
    return filled
