import numpy as np
import pytest

from lstm_toys.config import dataset_spec
from lstm_toys.generators import GENERATORS, generate

from conftest import REPO
import yaml

CONFIG = yaml.safe_load((REPO / "config" / "config.yaml").read_text())


def spec(generator, ranges, n=50, timesteps=100, **options):
    return {"generator": generator, "ranges": ranges, "n": n, "timesteps": timesteps, "options": options}


def test_sine_amplitude_shapes_ranges_and_targets():
    arrays = generate(spec("sine_amplitude", {"amplitude": [0.5, 1.0]}), seed=1)
    assert arrays["inputs"].shape == (50, 100, 1) and arrays["targets"].shape == (50, 1)
    assert arrays["inputs"].dtype == np.float32
    amplitude = arrays["targets"][:, 0]
    assert amplitude.min() >= 0.5 and amplitude.max() <= 1.0
    # the curve is the target amplitude times a sine on x in [0, 1]
    expected = amplitude[:, None] * np.sin(2 * np.pi * np.linspace(0, 1, 100))
    np.testing.assert_allclose(arrays["inputs"][..., 0], expected, atol=1e-6)
    assert list(arrays["factor_names"]) == ["amplitude"]


def test_line_params_targets_are_slope_and_intercept():
    arrays = generate(spec("line_params", {"slope": [-1, 0], "intercept": [0, 1]}, n=20, timesteps=10), seed=2)
    slope, intercept = arrays["targets"].T
    assert (slope <= 0).all() and (intercept >= 0).all()
    x = np.linspace(0, 1, 10)
    np.testing.assert_allclose(arrays["inputs"][..., 0], slope[:, None] * x + intercept[:, None], atol=1e-6)


def test_noise_option_adds_gaussian_noise_of_that_size():
    arrays = generate(spec("sine_amplitude", {"amplitude": [1, 1]}, n=200, noise=0.1), seed=3)
    residual = arrays["inputs"][..., 0] - np.sin(2 * np.pi * arrays["x"])
    assert 0.09 < residual.std() < 0.11


@pytest.mark.parametrize("generator", sorted(GENERATORS))
def test_same_seed_same_data_other_seed_other_data(generator):
    _, factors = GENERATORS[generator]
    ranges = {name: [0.0, 1.0] for name in factors}
    first, again, other = (generate(spec(generator, ranges), seed) for seed in (7, 7, 8))
    np.testing.assert_array_equal(first["inputs"], again["inputs"])
    assert not np.array_equal(first["inputs"], other["inputs"])


def test_every_split_of_an_experiment_has_its_own_seed():
    seeds = {dataset_spec(CONFIG, "s2v_line_params", split)["seed"] for split in CONFIG["experiments"]["s2v_line_params"]["data"]["splits"]}
    assert len(seeds) == 4
