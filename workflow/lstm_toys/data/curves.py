"""NumPy data generators: one function per kind of curve, chosen by name in the config.

A generator draws its free parameters ("factors") and returns clean channels of
shape (n, timesteps): always ``curve``, sometimes more (``code`` for a constant
input), and under ``factors`` the factors it really used, when it changed them. ``make_split`` turns them into what a model reads and learns:

- ``inputs``  (n, timesteps, channels) the config's ``inputs`` channels, plus noise,
- ``targets`` the config's ``target``: a clean channel, or the factors themselves,
- ``factors`` (n, k) the drawn parameters, with their ``factor_names``,
- ``x``       (timesteps,) the time axis.
"""

import numpy as np

from lstm_toys.data import streams


def time_axis(timesteps: int) -> np.ndarray:
    return np.linspace(0.0, 1.0, timesteps)


def draw_factors(rng: np.random.Generator, n: int, ranges: dict, values: dict) -> dict:
    """Explicit ``values`` as given, else one uniform draw per sample from ``ranges``."""
    if values:
        return {name: np.asarray(values[name], dtype=np.float64) for name in sorted(values)}
    return {name: rng.uniform(low, high, size=n) for name, (low, high) in sorted(ranges.items())}


def sine_amplitude(x, factors, n):
    """``a sin(2 pi x)``."""
    return {"curve": factors["amplitude"][:, None] * np.sin(2 * np.pi * x)}


def sine_phase(x, factors, n):
    """``a sin(2 pi f x + phi)``; amplitude and frequency default to 1, phase to 0."""
    amplitude = factors.get("amplitude", np.ones(n))[:, None]
    frequency = factors.get("frequency", np.ones(n))[:, None]
    phase = factors.get("phase", np.zeros(n))[:, None]
    return {"curve": amplitude * np.sin(2 * np.pi * frequency * x + phase)}


def line(x, factors, n):
    """``m x + t``; the intercept defaults to 0 when not drawn."""
    return {"curve": factors["slope"][:, None] * x + factors.get("intercept", np.zeros(n))[:, None]}


def hill(x, factors, n):
    """``h 4 x (1 - x)``: a parabola of height ``h`` peaking at x = 0.5."""
    return {"curve": factors["height"][:, None] * 4 * x * (1 - x)}


def constant_to_wave(x, factors, n):
    """A constant input ``code`` (0 or 1; a drawn value is rounded) and its wave:
    0 -> cos(2 pi x), 1 -> sin(2 pi x) (the sine/cosine "switch" of section C)."""
    code = np.round(factors["code"])
    wave = np.where(code[:, None] == 1, np.sin(2 * np.pi * x), np.cos(2 * np.pi * x))
    return {"curve": wave, "code": np.repeat(code[:, None], len(x), axis=1), "factors": {"code": code}}


# name -> (generator, the factors it may draw, the factors it must draw)
GENERATORS = {
    "sine_amplitude": (sine_amplitude, ("amplitude",), ("amplitude",)),
    "sine_phase": (sine_phase, ("amplitude", "frequency", "phase"), ()),
    "line": (line, ("intercept", "slope"), ("slope",)),
    "hill": (hill, ("height",), ("height",)),
    "constant_to_wave": (constant_to_wave, ("code",), ("code",)),
}


def make_split(spec: dict, seed: int) -> dict:
    """The arrays of one split from its resolved spec (see ``config.dataset_spec``)."""
    if spec["generator"] in streams.STREAMS:
        return streams.make(spec)
    function = GENERATORS[spec["generator"]][0]
    rng = np.random.default_rng(seed)
    values = spec["values"]
    x = time_axis(spec["timesteps"])
    n = len(next(iter(values.values()))) if values else spec["n"]
    factors = draw_factors(rng, n, spec["ranges"], values)
    channels = {"x": np.broadcast_to(x, (n, len(x))), **function(x, factors, n)}
    factors = channels.pop("factors", factors)
    inputs = np.stack([channels[name] for name in spec["inputs"]], axis=-1)
    noise = spec["noise"]
    if noise:
        inputs = inputs + rng.normal(0.0, noise, inputs.shape)
    names = sorted(factors)
    factor_matrix = np.stack([factors[name] for name in names], axis=1) if names else np.zeros((n, 0))
    target = factor_matrix if spec["target"] == "factors" else channels[spec["target"]][..., None]
    return {
        "x": x,
        "inputs": inputs.astype(np.float32),
        "targets": target.astype(np.float32),
        "factors": factor_matrix,
        "factor_names": np.array(names),
    }


def channels(generator: str) -> tuple:
    """The channels a generator makes (from a tiny draw), besides ``x``."""
    function, may_draw, _ = GENERATORS[generator]
    made = function(time_axis(2), {name: np.zeros(1) for name in may_draw}, 1)
    return ("x", *sorted(set(made) - {"factors"}))
