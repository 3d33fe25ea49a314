"""Every claim's measure against its two controls: a positive control, an output that
shows what the write-up observed, must pass the claim's threshold, and a negative
control, one that shows the opposite, must fail it. The outputs are made by hand on the
config's own data (its splits, probes and settings) and go through the kind's metrics
and the claim's measure, as a replicate's do. One case per configured claim, named by
it; a claim without its controls fails here."""

import math

import numpy as np
import pytest

from lstm_toys import config as cfg
from lstm_toys.data.curves import make_split
from lstm_toys.evaluation.replicates import judge
from lstm_toys.evaluation.verdicts import COMPARISONS, measure
from lstm_toys.kind import load_kind
from lstm_toys.validation import effective_config

from conftest import REPO

CONFIG = effective_config(REPO)
SEED = 20261203
RNG = np.random.default_rng(SEED)


@pytest.fixture(autouse=True)
def fresh_generator():
    """Each test's controls draw from a generator seeded afresh: their draws do not depend on
    which tests ran before them."""
    global RNG
    RNG = np.random.default_rng(SEED)


def datasets(experiment: str, replicate: int = 0) -> dict:
    return {split: make_split(cfg.dataset_spec(CONFIG, experiment, split, replicate), None)
            for split in cfg.split_names(CONFIG, experiment)}


DATA = {}


def data(experiment: str) -> dict:
    if experiment not in DATA:
        DATA[experiment] = datasets(experiment)
    return DATA[experiment]


def metrics_of(experiment: str, outputs: dict, history=None, snapshots=None, extra=None) -> dict:
    """One variant's metrics from hand-made ``outputs`` (``{split: outputs}``), as the
    metrics job computes them."""
    name = cfg.variant_names(CONFIG, experiment)[0]
    spec = cfg.metrics_spec(CONFIG, experiment, name)
    predictions = {split: {"outputs": value} for split, value in outputs.items()}
    for split, arrays in (extra or {}).items():
        predictions.setdefault(split, {}).update(arrays)
    compute = load_kind(cfg.kind(CONFIG, experiment)).load("metrics")
    return compute(spec, data(experiment), predictions, history or {}, snapshots or {"epochs": np.zeros(0)})


def holds(experiment: str, claim: str, variants: dict, reference=None) -> bool:
    """Whether the configured claim holds on one replicate whose variants have these metrics."""
    spec = {**CONFIG["experiments"][experiment]["claims"][claim]}
    measured = load_kind(cfg.kind(CONFIG, experiment)).load("claims")[spec["measure"]]
    if reference is not None:
        spec["reference_metrics"] = reference
    value, judged = measure(measured, claim, spec, variants)
    assert judged, f"{experiment}/{claim}: the control was not judged"
    if measured.statistic == "rate":  # ten runs like this one: a control must decide the verdict either way
        verdict = judge(measured, spec, [value] * 10, 0)["verdict"]
        assert verdict != "inconclusive", f"{experiment}/{claim}: ten runs of a control are inconclusive"
        return verdict == "reproduced"
    return value is not None and COMPARISONS[measured.comparison](value, float(spec["threshold"]))


def every(experiment: str, metrics: dict) -> dict:
    """The same metrics for every variant of the experiment."""
    return {variant: metrics for variant in cfg.variant_names(CONFIG, experiment)}


def controls(outputs, experiment, positive, negative):
    """The case of a claim whose two controls are ``outputs(experiment, make)`` of the positive
    and the negative ``make``, the same for every variant."""
    return lambda: (every(experiment, outputs(experiment, positive)), every(experiment, outputs(experiment, negative)))


def flat(arrays):
    """The trivial output: the targets' mean, everywhere."""
    return np.full_like(arrays["targets"], arrays["targets"].mean())


# --- section A ---------------------------------------------------------------


def fit_controls(experiment):
    def outputs(kind):
        return {s: (a["targets"] + RNG.normal(0, 0.005, a["targets"].shape) if kind == "fits" else flat(a))
                for s, a in data(experiment).items()}
    return {"fits": metrics_of(experiment, outputs("fits")), "misses": metrics_of(experiment, outputs("misses"))}


def seq2seq_fit(experiment, claim, wanted):
    found = fit_controls(experiment)
    opposite = "misses" if wanted == "fits" else "fits"
    return every(experiment, found[wanted]), every(experiment, found[opposite])


def probe_outputs(experiment, make):
    """Every split's targets as outputs, the probes' made by ``make(arrays)``."""
    return metrics_of(experiment, {s: make(a) if s.startswith("probe") else a["targets"]
                                   for s, a in data(experiment).items()})


def trained_sine(arrays):
    return np.broadcast_to(np.sin(2 * np.pi * arrays["x"])[None, :, None], arrays["inputs"][..., -1:].shape).copy()


def copied(arrays):
    return arrays["inputs"][..., -1:].copy()


def common_line(arrays):
    return np.broadcast_to((0.4 * arrays["x"] + 0.2)[None, :, None], arrays["inputs"][..., -1:].shape).copy()


def frequency_kept_amplitude_not(arrays):
    names = list(arrays["factor_names"])
    frequency = arrays["factors"][:, [names.index("frequency")]] if "frequency" in names else np.ones((len(arrays["factors"]), 1))
    return np.sin(2 * np.pi * frequency * arrays["x"][None, :])[..., None]  # amplitude 1, whatever the probe's


def start_garbled(arrays):
    outputs = copied(arrays)
    outputs[:, arrays["x"] < 0.2] = 0.0
    return outputs


def epochs_to_fit(epochs):
    return {"training": {"epochs_to_fit": float(epochs)}}


SEQ2SEQ = {
    ("s2s_xy_line", "fits_the_line"): lambda: seq2seq_fit("s2s_xy_line", "fits_the_line", "fits"),
    ("s2s_xy_hill", "one_layer_misses_the_hill"): lambda: seq2seq_fit("s2s_xy_hill", "", "misses"),
    ("s2s_xy_hill", "two_layers_fit_the_hill"): lambda: seq2seq_fit("s2s_xy_hill", "", "fits"),
    ("s2s_y_hill", "fits_given_y_only"): lambda: seq2seq_fit("s2s_y_hill", "", "fits"),
    ("s2s_sine", "fits_the_sine"): lambda: seq2seq_fit("s2s_sine", "", "fits"),
    ("s2s_sine", "lines_come_out_bent"): controls(probe_outputs, "s2s_sine", trained_sine, copied),
    ("s2s_sine", "lines_grow_by_a_common_factor"): controls(probe_outputs, "s2s_sine", common_line, copied),
    ("s2s_sine", "valley_keeps_its_depth"): controls(probe_outputs, "s2s_sine", trained_sine, copied),
    ("s2s_sine", "valley_stays_put"): controls(probe_outputs, "s2s_sine", trained_sine, copied),
    ("s2s_sine", "takes_the_frequency_after_0_2"): controls(
        probe_outputs, "s2s_sine", lambda a: 0.6 * copied(a), trained_sine),
    ("s2s_sine", "gets_the_amplitude_wrong"): controls(probe_outputs, "s2s_sine", frequency_kept_amplitude_not, copied),
    ("s2s_sine", "start_not_copied"): controls(probe_outputs, "s2s_sine", start_garbled, copied),
}
REFERENCED = {
    ("s2s_y_hill", "takes_longer_than_xy"): lambda: ((every("s2s_y_hill", epochs_to_fit(40)), epochs_to_fit(20)),
                                                    (every("s2s_y_hill", epochs_to_fit(20)), epochs_to_fit(40))),
}


# --- section B ---------------------------------------------------------------


def seq2vec_outputs(experiment, make):
    return metrics_of(experiment, {s: make(s, a) for s, a in data(experiment).items()})


def truth(split, arrays):
    return arrays["targets"].copy()


def saturating(split, arrays):
    """What an output layer bounded by the training range gives: the truth, clipped to it."""
    low, high = arrays["targets"].min(), arrays["targets"].max()
    bounds = data_bounds(arrays)
    return np.clip(arrays["targets"], *bounds) if split.startswith("ood") else arrays["targets"].copy()


def data_bounds(arrays):
    names = list(arrays["factor_names"])
    return (0.0, 0.5) if names == ["amplitude"] else (0.0, 1.0)


def scattered(split, arrays):
    """An error of the same size on average everywhere, drawn afresh for each value: it does
    not grow with the distance. (An error of one exact size would leave its ranks to the
    floating-point rounding of target + error, which follows the target's magnitude.)"""
    shape = arrays["targets"].shape
    return arrays["targets"] + RNG.uniform(0.2, 0.4, shape) * RNG.choice([-1.0, 1.0], shape)


SEQ2VEC = {
    ("s2v_amplitude", "recovered"): controls(seq2vec_outputs, "s2v_amplitude", truth,
                                                 lambda s, a: flat(a)),
    ("s2v_amplitude", "diverges_beyond_0_5"): controls(seq2vec_outputs, "s2v_amplitude", saturating, truth),
    ("s2v_amplitude", "divergence_grows"): controls(seq2vec_outputs, "s2v_amplitude", saturating, scattered),
    ("s2v_line_params", "recovered"): controls(seq2vec_outputs, "s2v_line_params", truth, lambda s, a: flat(a)),
    ("s2v_line_params", "negative_slopes_not_handled"): controls(seq2vec_outputs, "s2v_line_params", saturating, truth),
    ("s2v_line_params", "larger_slopes_not_handled"): controls(seq2vec_outputs, "s2v_line_params", saturating, truth),
}


# --- section C ---------------------------------------------------------------


def reconstruction(experiment, make, **extra):
    return metrics_of(experiment, {s: make(a) for s, a in data(experiment).items()}, **extra)


def perfect(arrays):
    return arrays["targets"].copy()


def cosine_for_both(arrays):
    """Input 0 gives the cosine, input 1 the cosine too: one target learned, the other ignored."""
    return np.broadcast_to(np.cos(2 * np.pi * arrays["x"])[None, :, None], arrays["targets"].shape).copy()


def mean_of_both(arrays):
    both = (np.sin(2 * np.pi * arrays["x"]) + np.cos(2 * np.pi * arrays["x"])) / 2
    return np.broadcast_to(both[None, :, None], arrays["targets"].shape).copy()


def start_zeroed(arrays):
    outputs = arrays["targets"].copy()
    outputs[:, arrays["x"] < 0.2] = 0.0
    return outputs


def rest_flat(arrays):
    outputs = flat(arrays)
    outputs[:, arrays["x"] < 0.2] = arrays["targets"][:, arrays["x"] < 0.2]
    return outputs


def sweep(phases):
    x = np.linspace(0, 1, 100)
    latent = np.linspace(-1, 1, len(phases)).astype(np.float32)
    return {"sweep": {"latent": latent, "x": x, "outputs": np.sin(2 * np.pi * x[None, :] + np.asarray(phases)[:, None])[..., None]}}


def swept(experiment, phases):
    return metrics_of(experiment, {s: a["targets"] for s, a in data(experiment).items()}, extra=sweep(phases))


def snapshots_of(experiment, epochs, make):
    """Snapshots of the first 100 val inputs at ``epochs``, the outputs at each by ``make(epoch, targets, phases)``."""
    val = data(experiment)["val"]
    targets = val["targets"][:100]
    names = list(val["factor_names"])
    phases = val["factors"][:100, names.index("phase")]
    outputs = np.stack([make(epoch, targets, phases) for epoch in epochs]).astype(np.float32)
    return {"epochs": np.array(epochs), "inputs": val["inputs"][:100], "targets": targets, "outputs": outputs}


def history(epochs):
    return {"epoch": np.arange(1, epochs + 1.0), "loss": np.linspace(1, 0.1, epochs), "val_loss": np.linspace(1, 0.1, epochs)}


def bending_at(epoch):
    """Flat until ``epoch``, then the targets."""
    return lambda e, targets, phases: targets if e >= epoch else np.zeros_like(targets)


def sines_at(sine_epoch, cosine_epoch):
    """Sine-like inputs reconstructed from ``sine_epoch``, cosine-like from ``cosine_epoch``."""
    def make(epoch, targets, phases):
        outputs = np.zeros_like(targets)
        for rows, start in ((phases < 0.8, sine_epoch), (phases >= 0.8, cosine_epoch)):
            if epoch >= start:
                outputs[rows] = targets[rows]
        return outputs
    return make


def start_error(at_half, at_end):
    def make(epoch, targets, phases):
        outputs = targets.copy()
        outputs[:, :20] += at_end if epoch >= 240 else at_half
        return outputs
    return make


def timeline(experiment, make):
    epochs = list(range(0, CONFIG["experiments"][experiment]["training"]["epochs"] + 1, 5))
    return metrics_of(experiment, {s: a["targets"] for s, a in data(experiment).items()},
                      history=history(epochs[-1]), snapshots=snapshots_of(experiment, epochs, make))


def bend(epoch):
    return {"training": {"bend_epoch": float(epoch)}}


AUTOENCODER = {
    ("ae_line", "reconstructs_with_every_latent_size"): lambda: (
        every("ae_line", reconstruction("ae_line", perfect)),
        {**every("ae_line", reconstruction("ae_line", perfect)), "latent1": reconstruction("ae_line", flat)}),
    ("ae_line", "latent_size_hardly_matters"): lambda: (
        every("ae_line", reconstruction("ae_line", perfect)),
        {**every("ae_line", reconstruction("ae_line", perfect)), "latent1": reconstruction("ae_line", flat)}),
    ("sine_cos_constant", "one_target_learned_other_not"): controls(
        reconstruction, "sine_cos_constant", cosine_for_both, perfect),
    ("ae_phase_small", "reconstructs_from_0_2"): controls(reconstruction, "ae_phase_small", start_zeroed, flat),
    ("ae_phase_small", "latent_shifts_phase"): controls(
        swept, "ae_phase_small", np.linspace(0, 0.157, 25), np.zeros(25)),
    ("ae_phase_small", "worst_at_start"): controls(reconstruction, "ae_phase_small", start_zeroed, perfect),
    ("ae_phase_small", "start_improves_with_epochs"): controls(
        timeline, "ae_phase_small", start_error(0.5, 0.2), start_error(0.5, 0.5)),
    ("ae_phase_full", "reconstructs_from_0_2"): controls(reconstruction, "ae_phase_full", start_zeroed, flat),
    ("ae_phase_full", "latent_shifts_phase"): controls(
        swept, "ae_phase_full", np.linspace(0, 1.5708, 25), np.zeros(25)),
    ("ae_phase_full", "decodes_sine_and_cosine"): controls(
        swept, "ae_phase_full", np.linspace(0, 1.5708, 25), np.linspace(0.5, 1.0, 25)),
    ("ae_phase_full", "phase_falls_as_latent_grows"): controls(
        swept, "ae_phase_full", np.linspace(1.5708, 0, 25), np.linspace(0, 1.5708, 25)),
    ("ae_phase_full", "flat_for_100_epochs"): controls(timeline, "ae_phase_full", bending_at(120), bending_at(50)),
    ("ae_phase_full", "sines_before_cosines"): controls(
        timeline, "ae_phase_full", sines_at(150, 250), sines_at(250, 150)),
    ("ae_phase_full", "worst_at_start"): controls(reconstruction, "ae_phase_full", start_zeroed, perfect),
}
REFERENCED |= {
    ("ae_phase_full", "bends_later_than_small"): lambda: ((every("ae_phase_full", bend(120)), bend(40)),
                                                          (every("ae_phase_full", bend(40)), bend(120))),
}


# --- sections D, E, F ----------------------------------------------------------


def next_step(val_noise, after_first_noise, one_batch_losses):
    experiment = "next_step_sine"
    arrays = data(experiment)
    outputs = {s: a["targets"] + RNG.normal(0, val_noise, a["targets"].shape) for s, a in arrays.items()}
    val = arrays["val"]
    snapshots = {"epochs": np.array([0, 1]), "inputs": val["inputs"], "targets": val["targets"],
                 "outputs": np.stack([np.zeros_like(val["targets"]),
                                      val["targets"] + RNG.normal(0, after_first_noise, val["targets"].shape)]),
                 "one_batch_loss": np.asarray(one_batch_losses, dtype=np.float32)}
    time = np.arange(1100) * 0.01
    generation = {"samples_200": np.sin(2 * np.pi * time[:200]), "samples_1000": np.sin(2 * np.pi * time[:1000]),
                  "stepper_200": np.sin(2 * np.pi * time[:200]), "stepper_1000": np.sin(2 * np.pi * time[:1000]),
                  "time": time[:1000]}
    return every(experiment, metrics_of(experiment, outputs, history=history(5), snapshots=snapshots,
                                        extra={"generation": generation}))


def cond_ae(reconstruct_class_1, features):
    experiment = "cond_ae_freq"
    arrays = data(experiment)
    extra = {}
    for split, a in arrays.items():
        labels = a["factors"][:, 0]
        good = features(labels)
        extra[split] = {"numpy_features": good, "keras_features": good, "untrained_features": RNG.normal(size=good.shape)}
    outputs = {}
    for split, a in arrays.items():
        outputs[split] = a["targets"].copy()
        if not reconstruct_class_1:
            outputs[split][a["factors"][:, 0] == 1] = 0.0
    losses = {"epoch": np.arange(1, 31.0), "loss": np.linspace(1, 0.3, 30) if reconstruct_class_1 else np.full(30, 0.3),
              "val_loss": np.full(30, 0.3)}
    return every(experiment, metrics_of(experiment, outputs, history=losses, extra=extra))


def separable(labels):
    return np.stack([labels * 2 - 1 + RNG.normal(0, 0.1, len(labels))] * 10, axis=1)


def uninformative(labels):
    return RNG.normal(size=(len(labels), 10))


def echo_outputs(experiment, make):
    """Predicted tokens by ``make(expected tokens, window tokens)``, as one-hot outputs."""
    arrays = data(experiment)
    outputs = {}
    for split, a in arrays.items():
        expected, windows = a["targets"].argmax(-1), a["inputs"].argmax(-1)
        outputs[split] = np.eye(a["targets"].shape[-1])[make(expected.copy(), windows)]
    losses = {"epoch": np.arange(1, 21.0) * 250, "loss": np.linspace(3, 1, 20), "val_loss": np.zeros(20)}
    shapes = {"weights": {"kernel_rows": 100, "kernel_columns": 64, "recurrent_rows": 16, "bias": 64}}
    return metrics_of(experiment, outputs, history=losses, extra=shapes)


def right(expected, windows):
    return expected


def random_tokens(expected, windows):
    return RNG.integers(0, 99, size=expected.shape)


def one_token_misread(expected, windows):
    """One place of each sequence read as another token, in every window that holds it."""
    per_sequence = windows.shape[0] // max(1, windows.shape[0] // 20)
    predicted = expected.copy()
    for row in range(len(predicted)):
        start = row % 20
        for position in range(predicted.shape[1]):
            if start + position == 10:
                predicted[row, position] = (expected[row, position] + 1) % 99
    return predicted


def one_error_each(expected, windows):
    """A different wrong token at a different place in each window: errors that do not stick."""
    predicted = expected.copy()
    predicted[np.arange(len(predicted)), np.arange(len(predicted)) % predicted.shape[1]] = RNG.integers(
        0, 99, len(predicted))
    return predicted


def first_right_rest_repeated(expected, windows):
    predicted = expected.copy()
    predicted[:, 1:] = expected[:, :1]  # the first token, again and again
    return predicted


def uniform_errors(expected, windows):
    predicted = expected.copy()
    wrong = RNG.random(expected.shape) < 0.5
    predicted[wrong] = (expected[wrong] + 1 + RNG.integers(0, 97, wrong.sum())) % 99
    return predicted


def unseen_errors(expected, windows):
    """Wrong tokens that occur nowhere in the window or the output before them."""
    predicted = expected.copy()
    for row in range(len(predicted)):
        seen = set(windows[row])
        for position in range(1, predicted.shape[1]):
            predicted[row, position] = next(t for t in range(99) if t not in seen and t not in predicted[row, :position])
    return predicted


def jumping_loss(jump):
    losses = np.linspace(3, 1.5, 20)
    if jump:
        losses[15:] = losses[15:] * 3
    return {"training": {"late_loss_jump": float(np.max(losses[10:] / losses[9:-1]))}}


def accuracy(value):
    return {"val": {"token_accuracy": value}}


OTHERS = {
    ("next_step_sine", "dev_loss_at_the_write_ups_level"): lambda: (next_step(0.02, 0.02, [73, 0.1]), next_step(0.1, 0.02, [73, 0.1])),
    ("next_step_sine", "at_that_level_after_one_epoch"): lambda: (next_step(0.02, 0.02, [73, 0.1]), next_step(0.02, 0.1, [73, 0.1])),
    ("next_step_sine", "one_batch_overfits"): lambda: (next_step(0.02, 0.02, np.geomspace(73, 0.2, 26)),
                                                       next_step(0.02, 0.02, np.geomspace(73, 30, 26))),
    ("cond_ae_freq", "both_classes_reconstructed"): lambda: (cond_ae(True, separable), cond_ae(False, separable)),
    ("cond_ae_freq", "not_converged_at_30_epochs"): lambda: (cond_ae(True, separable), cond_ae(False, separable)),
    ("cond_ae_freq", "classifies_perfectly"): lambda: (cond_ae(True, separable), cond_ae(True, uninformative)),
    ("echo_whole", "almost_every_token_right"): controls(echo_outputs, "echo_whole", right, random_tokens),
    ("echo_whole", "errors_stick_to_one_token"): controls(
        echo_outputs, "echo_whole", one_token_misread, one_error_each),
    ("echo_seq2seq", "almost_every_token_right"): controls(echo_outputs, "echo_seq2seq", right, random_tokens),
    ("echo_seq2seq_long", "runs_fail"): lambda: (every("echo_seq2seq_long", accuracy(0.3)),
                                                 every("echo_seq2seq_long", accuracy(0.9))),
    ("echo_seq2seq_long", "loss_jumps_late"): lambda: (every("echo_seq2seq_long", jumping_loss(True)),
                                                       every("echo_seq2seq_long", jumping_loss(False))),
    ("echo_seq2seq_long", "first_token_right_later_wrong"): controls(
        echo_outputs, "echo_seq2seq_long", first_right_rest_repeated, uniform_errors),
    ("echo_seq2seq_long", "wrong_tokens_repeat"): controls(
        echo_outputs, "echo_seq2seq_long", first_right_rest_repeated, unseen_errors),
}
CONTROLS = {**SEQ2SEQ, **SEQ2VEC, **AUTOENCODER, **OTHERS}
CONFIGURED = [(experiment, claim) for experiment, block in CONFIG["experiments"].items() for claim in block["claims"]]


def test_every_configured_claim_has_its_two_controls():
    assert sorted(CONFIGURED) == sorted([*CONTROLS, *REFERENCED])


@pytest.mark.parametrize("experiment,claim", sorted(CONTROLS), ids=lambda v: v)
def test_the_measure_passes_its_positive_control_and_fails_its_negative(experiment, claim):
    positive, negative = CONTROLS[(experiment, claim)]()
    assert holds(experiment, claim, positive), f"{experiment}/{claim}: the positive control fails"
    assert not holds(experiment, claim, negative), f"{experiment}/{claim}: the negative control passes"


@pytest.mark.parametrize("experiment,claim", sorted(REFERENCED), ids=lambda v: v)
def test_a_comparison_with_another_experiment_passes_and_fails_its_controls(experiment, claim):
    (positive, reference), (negative, other) = REFERENCED[(experiment, claim)]()
    assert holds(experiment, claim, positive, reference)
    assert not holds(experiment, claim, negative, other)


def test_the_start_is_judged_only_where_the_rest_reconstructs():
    from lstm_toys.evaluation.verdicts import measure as measured

    spec = CONFIG["experiments"]["ae_phase_full"]["claims"]["worst_at_start"]
    claim = load_kind("autoencoder").load("claims")[spec["measure"]]
    value, judged = measured(claim, "worst_at_start", spec, every("ae_phase_full", reconstruction("ae_phase_full", rest_flat)))
    assert value is None and not judged
    assert math.isfinite(measured(claim, "", spec, every("ae_phase_full", reconstruction("ae_phase_full", start_zeroed)))[0])
