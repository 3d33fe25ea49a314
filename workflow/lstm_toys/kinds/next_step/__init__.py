"""Next-step generation: stacked LSTMs read a window of a noisy sine and predict a later
sample; run free, they generate a signal sample by sample (section D)."""

from typing import Annotated

from annotated_types import MinLen

from lstm_toys.kind import Kind
from lstm_toys.settings import PositiveInt, RecurrentModel, setting, settings


@settings
class Model(RecurrentModel):
    layers: Annotated[list[PositiveInt], MinLen(1)] = setting("units of each LSTM layer, at least one")


KIND = Kind(__name__, model=Model, predict="predict:predict", plots="plots:PLOTS",
            sections=("data", "generation_200", "generation_1000", "generation_stepper_200", "generation_stepper_1000"))
