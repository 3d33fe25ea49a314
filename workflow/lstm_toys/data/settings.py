"""An experiment's ``data``: the generator of its splits, read by ``curves.make_split``
and ``streams.make``; and the options of each stream generator (``streams.STREAMS``)."""

from typing import Annotated

from annotated_types import Ge, Gt, Len, Lt, MinLen

from lstm_toys.settings import NonNegative, PositiveInt, Range, setting, settings

SPLIT_NAME = r"^(train|val|test|ood[a-z0-9_]*|probe[a-z0-9_]*)$"


@settings
class Split:
    """One split: n samples with factors drawn uniformly from ranges, or explicit values
    (a probe grid); its generator and noise may differ from the experiment's."""

    n: PositiveInt | None = setting("curve generators: samples drawn (with ranges); echo: fresh sequences", None)
    ranges: dict[str, Range] = setting("each factor drawn uniformly from [low, high], low <= high; the factors the "
                                       "generator draws", factory=dict)
    values: dict[str, Annotated[list[float], MinLen(1)]] | None = setting(
        "a probe grid instead of n and ranges: each factor's values, all lists of one length", None, minProperties=1)
    generator: str | None = setting("the split's own generator; unset: the experiment's", None)
    noise: NonNegative | None = setting("the split's own input noise; unset: the experiment's", None)


@settings
class Data:
    """What draws the experiment's splits."""

    generator: str = setting("a curve generator of data/curves.py, or a stream generator of data/streams.py")
    timesteps: PositiveInt | None = setting("curve generators: the sequence length (required by them)", None)
    inputs: Annotated[list[str], MinLen(1)] | None = setting(
        "curve generators: the channels the model reads (x, curve, code: those the generator makes)", None)
    target: str | None = setting("curve generators: the channel the model outputs, or factors (the drawn "
                                 "parameters)", None)
    noise: NonNegative = setting("standard deviation of Gaussian noise added to the inputs", 0.0)
    options: dict = setting("a stream generator's options (below)", factory=dict)
    splits: dict[str, Split] = setting("the splits: train and val required; others test, ood..., probe... (ood "
                                       "splits must leave the training range in one factor at least)",
                                       propertyNames={"pattern": SPLIT_NAME}, required=["train", "val"])


@settings
class NextStepOptions:
    """next_step_windows: windows of sin(2 pi t) + noise and the sample a set offset after each."""

    samples: PositiveInt = setting("length of the signal, at least head, leaving one training window at least")
    dt: Annotated[float, Gt(0)] = setting("time step")
    noise: NonNegative = setting("standard deviation of the signal's noise")
    window: PositiveInt = setting("inputs per window")
    offset: PositiveInt = setting("the target is signal[start + window + offset - 1]")
    holdout_fraction: Annotated[float, Ge(0), Lt(0.5)] = setting("share of windows for val, and again for test")
    head: Annotated[int, Ge(1000)] = setting("samples of the signal kept for figures and generation (the longest "
                                             "generation is 1000)", 1100)


@settings
class TwoFrequencyOptions:
    """two_frequency_windows: two classes of noisy sines, cut into windows, split in time order."""

    periods: Annotated[list[Annotated[int, Ge(2)]], Len(2, 2)] = setting(
        "samples per cycle of the two classes, distinct", unique=True)
    cycles: PositiveInt = setting("cycles per class")
    phase_noise: NonNegative = setting("phase noise per sample, U[-1, 1] times this")
    window: PositiveInt = setting("samples per window, shorter than each class's part of each split")
    test_fraction: Annotated[float, Gt(0), Lt(1)] = setting("the last part of each class's signal: the val split")
    head: PositiveInt = setting("samples of each class's signal kept for the figure", 80)


@settings
class EchoOptions:
    """random_integer_echo: one-hot random integers cut into sliding windows."""

    classes: Annotated[int, Ge(2)] = setting("one-hot size; tokens are 0 ... classes - 2, as randint(0, classes - 1)")
    length: PositiveInt = setting("tokens per sequence, at least n_in")
    n_in: PositiveInt = setting("tokens per input window")
    n_out: PositiveInt = setting("the first tokens of a window to echo, at most n_in")
