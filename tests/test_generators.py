import numpy as np
import pytest

from lstm_toys.config import dataset_spec
from lstm_toys.data.curves import GENERATORS, channels, make_split
from lstm_toys.validation import effective_config

from conftest import REPO

CONFIG = effective_config(REPO)
X = np.linspace(0, 1, 100)


def spec(generator, ranges=None, values=None, n=50, inputs=("curve",), target="curve", noise=0.0):
    return {"generator": generator, "ranges": ranges or {}, "values": values or {}, "n": n, "timesteps": 100,
            "inputs": list(inputs), "target": target, "noise": noise}


def test_sine_amplitude_to_factors():
    arrays = make_split(spec("sine_amplitude", {"amplitude": [0.5, 1.0]}, target="factors"), seed=1)
    assert arrays["inputs"].shape == (50, 100, 1) and arrays["targets"].shape == (50, 1)
    assert arrays["inputs"].dtype == np.float32
    amplitude = arrays["targets"][:, 0]
    assert amplitude.min() >= 0.5 and amplitude.max() <= 1.0
    np.testing.assert_allclose(arrays["inputs"][..., 0], amplitude[:, None] * np.sin(2 * np.pi * X), atol=1e-6)
    assert list(arrays["factor_names"]) == ["amplitude"]


def test_line_factors_are_sorted_by_name():
    arrays = make_split(spec("line", {"slope": [-1, 0], "intercept": [0, 1]}, n=20, target="factors"), seed=2)
    assert list(arrays["factor_names"]) == ["intercept", "slope"]
    intercept, slope = arrays["targets"].T
    assert (slope <= 0).all() and (intercept >= 0).all()
    np.testing.assert_allclose(arrays["inputs"][..., 0], slope[:, None] * X + intercept[:, None], atol=1e-6)


def test_xy_inputs_with_noise_and_a_clean_target():
    arrays = make_split(spec("hill", values={"height": [1.0] * 400}, inputs=("x", "curve"), noise=0.01), seed=3)
    assert arrays["inputs"].shape == (400, 100, 2) and arrays["targets"].shape == (400, 100, 1)
    np.testing.assert_allclose(arrays["targets"][0, :, 0], 4 * X * (1 - X), atol=1e-6)
    residual = arrays["inputs"][..., 1] - arrays["targets"][..., 0]
    assert 0.0095 < residual.std() < 0.0105
    assert abs((arrays["inputs"][..., 0] - X).std() - 0.01) < 0.0005


def test_probe_values_are_taken_as_given():
    arrays = make_split(spec("sine_phase", values={"frequency": [0.5, 1, 3]}), seed=4)
    assert arrays["inputs"].shape == (3, 100, 1)
    np.testing.assert_allclose(arrays["inputs"][2, :, 0], np.sin(2 * np.pi * 3 * X), atol=1e-6)


def test_constant_to_wave_switches_between_cosine_and_sine():
    arrays = make_split(spec("constant_to_wave", values={"code": [0, 1]}, inputs=("code",)), seed=5)
    np.testing.assert_array_equal(arrays["inputs"][:, :, 0], [[0.0] * 100, [1.0] * 100])
    np.testing.assert_allclose(arrays["targets"][0, :, 0], np.cos(2 * np.pi * X), atol=1e-6)
    np.testing.assert_allclose(arrays["targets"][1, :, 0], np.sin(2 * np.pi * X), atol=1e-6)
    drawn = make_split(spec("constant_to_wave", {"code": [0, 1]}, n=1000, inputs=("code",)), seed=5)
    assert 400 < drawn["inputs"][:, 0, 0].sum() < 600


def test_channels_of_generators():
    assert channels("constant_to_wave") == ("x", "code", "curve")
    assert channels("line") == ("x", "curve")


@pytest.mark.parametrize("generator", sorted(GENERATORS))
def test_same_seed_same_data_other_seed_other_data(generator):
    _, may_draw, _ = GENERATORS[generator]
    ranges = {name: [0.0, 1.0] for name in may_draw}
    first, again, other = (make_split(spec(generator, ranges), seed) for seed in (7, 7, 8))
    np.testing.assert_array_equal(first["inputs"], again["inputs"])
    assert not np.array_equal(first["targets"], other["targets"])


def test_every_split_of_an_experiment_has_its_own_seed():
    splits = CONFIG["experiments"]["s2v_line_params"]["data"]["splits"]
    assert len({dataset_spec(CONFIG, "s2v_line_params", split, 0)["seed"] for split in splits}) == len(splits) == 4
