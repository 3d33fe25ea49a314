"""NumPy data generators: one function per kind of curve, chosen by name in the config.

Each generator draws its free parameters ("factors") uniformly from the split's
``ranges`` and returns the arrays of one split:

- ``inputs``  (n, timesteps, features) what the model reads,
- ``targets`` what it is trained to output,
- ``factors`` (n, k) the drawn parameters, with their ``factor_names``,
- ``x``       (timesteps,) the time axis, for plotting.
"""

import numpy as np


def time_axis(timesteps: int) -> np.ndarray:
    return np.linspace(0.0, 1.0, timesteps)


def draw_factors(rng: np.random.Generator, n: int, ranges: dict) -> dict:
    """One uniform draw per sample for every named range, in sorted name order."""
    return {name: rng.uniform(low, high, size=n) for name, (low, high) in sorted(ranges.items())}


def _split_arrays(x, inputs, targets, factors: dict) -> dict:
    names = sorted(factors)
    return {
        "x": x,
        "inputs": inputs.astype(np.float32),
        "targets": targets.astype(np.float32),
        "factors": np.stack([factors[name] for name in names], axis=1),
        "factor_names": np.array(names),
    }


def sine_amplitude(rng, n, timesteps, ranges, noise=0.0):
    """``a * sin(2 pi x)``; the target is the amplitude ``a``."""
    x = time_axis(timesteps)
    factors = draw_factors(rng, n, ranges)
    clean = factors["amplitude"][:, None] * np.sin(2 * np.pi * x)[None, :]
    inputs = clean + rng.normal(0.0, noise, clean.shape) if noise else clean
    return _split_arrays(x, inputs[..., None], factors["amplitude"][:, None], factors)


def line_params(rng, n, timesteps, ranges, noise=0.0):
    """``m x + t``; the target is the pair ``(m, t)``."""
    x = time_axis(timesteps)
    factors = draw_factors(rng, n, ranges)
    slope, intercept = factors["slope"], factors["intercept"]
    clean = slope[:, None] * x[None, :] + intercept[:, None]
    inputs = clean + rng.normal(0.0, noise, clean.shape) if noise else clean
    targets = np.stack([slope, intercept], axis=1)
    return _split_arrays(x, inputs[..., None], targets, factors)


# name -> (generator, the factor names its ``ranges`` must define)
GENERATORS = {
    "sine_amplitude": (sine_amplitude, ("amplitude",)),
    "line_params": (line_params, ("intercept", "slope")),
}


def generate(spec: dict, seed: int) -> dict:
    """The arrays of one split from its resolved spec (see ``config.dataset_spec``)."""
    function, _ = GENERATORS[spec["generator"]]
    rng = np.random.default_rng(seed)
    return function(rng, spec["n"], spec["timesteps"], spec["ranges"], **spec.get("options", {}))
