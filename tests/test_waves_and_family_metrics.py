import math

import numpy as np
import pytest

from judging import assess_five
from lstm_toys.evaluation.waves import fit_phase, phase_sweep_summary, row_correlations
from lstm_toys.kinds.autoencoder import claims as ae_claims
from lstm_toys.kinds.autoencoder.metrics import bend_epoch, condition_errors, start_error_ratio
from lstm_toys.kinds.seq2seq import claims as s2s_claims
from lstm_toys.kinds.seq2seq.metrics import probe_scores

X = np.linspace(0, 1, 100)


def test_fit_phase_recovers_phase_and_amplitude_free():
    phases = np.array([0.0, 0.3, np.pi / 2, 2.5])
    waves = 0.7 * np.sin(2 * np.pi * X[None, :] + phases[:, None])
    fitted, residual = fit_phase(X, waves)
    np.testing.assert_allclose(fitted, phases, atol=1e-9)
    assert residual.max() < 1e-9


def test_phase_sweep_summary_monotonic_and_span():
    latent = np.linspace(-1, 1, 11)
    summary = phase_sweep_summary(latent, np.linspace(0, np.pi / 2, 11))
    assert summary["phase_spearman"] == pytest.approx(1.0)
    assert summary["phase_span"] == pytest.approx(np.pi / 2)
    # a sweep across the +-pi cut is unwrapped, not a jump
    across = np.angle(np.exp(1j * np.linspace(3.0, 3.4, 11)))
    assert phase_sweep_summary(latent, across)["phase_span"] == pytest.approx(0.4)


def test_row_correlations():
    mask = X > 0.2
    a = np.sin(2 * np.pi * 2 * X)[None, :]
    np.testing.assert_allclose(row_correlations(a, 3 * a, mask), [1.0])
    np.testing.assert_allclose(row_correlations(a, -a, mask), [-1.0])


def test_probe_scores_tell_identity_from_staying_with_the_trained_curve():
    reference = np.sin(2 * np.pi * X)
    probes = np.stack([0.5 * reference, 2.0 * reference])
    copied = probe_scores(X, probes, probes, reference)
    assert copied["closer_to_reference"] == 0.0 and copied["late_amplitude_ratio"] == pytest.approx(1.0)
    stayed = probe_scores(X, probes, np.stack([reference, reference]), reference)
    assert stayed["closer_to_reference"] == 1.0 and stayed["late_correlation"] == pytest.approx(1.0)


def test_start_error_ratio():
    targets = np.zeros((2, 100))
    outputs = np.where(X < 0.2, 0.3, 0.1)[None, :].repeat(2, axis=0)
    assert start_error_ratio(X, targets, outputs) == pytest.approx(9.0)


def test_condition_errors_split_a_two_valued_factor():
    arrays = {"factor_names": np.array(["code"]), "factors": np.array([[0.0], [1.0], [0.0], [1.0]]),
              "targets": np.zeros((4, 3, 1))}
    outputs = np.zeros((4, 3, 1))
    outputs[1::2] = 1.0  # the code-1 rows are wrong
    errors = condition_errors(arrays, outputs)
    assert errors["mse_code_0"] == 0.0 and errors["mse_code_1"] == 1.0
    assert errors["condition_mse_ratio"] == pytest.approx(1e12)


def test_bend_epoch_finds_the_end_of_the_plateau():
    loss = np.concatenate([[0.9], np.full(119, 0.5), np.linspace(0.5, 0.01, 30)])
    assert bend_epoch(loss) == 120 + np.argmax(np.linspace(0.5, 0.01, 30) < 0.25) + 1
    assert math.isnan(bend_epoch(np.full(50, 0.5)))
    assert bend_epoch(np.array([1.0] * 10 + [0.9, 0.6, 0.4, 0.3])) == 13  # by hand: below half of 1.0 first at epoch 13


def test_autoencoder_and_seq2seq_claims():
    metrics = {
        "latent1": {"val": {"mse": 1e-4, "relative_mse": 0.05, "condition_mse_ratio": 50.0, "start_error_ratio": 3.0},
                    "sweep": {"phase_spearman": -0.98, "phase_span": 1.2}, "training": {"bend_epoch": 120.0}},
    }
    config = {"reconstructs": {"threshold": 0.1}, "phase_monotonic_in_latent": {"threshold": 0.9},
              "phase_spans_sine_to_cosine": {"threshold": 0.75}, "flat_before_bending": {"threshold": 50},
              "worst_at_start": {"threshold": 1.0}, "one_target_learned_other_not": {"threshold": 10}}
    verdicts = {v["claim"]: v for v in assess_five(ae_claims.CLAIMS, config, metrics)}
    assert verdicts["reconstructs"]["measured"] == 0.05  # the val MSE relative to the trivial baseline's
    assert verdicts["phase_spans_sine_to_cosine"]["measured"] == pytest.approx(1.2 / (np.pi / 2))
    assert [verdicts[c]["verdict"] for c in config] == ["reproduced"] * 6
    s2s = {"layers1": {"val": {"mse": 0.01}}, "layers2": {"val": {"mse": 0.001}}}
    [ratio] = assess_five(s2s_claims.CLAIMS, {"more_layers_fit_better": {"variants": ["layers1", "layers2"], "threshold": 2}}, s2s)
    assert ratio["measured"] == pytest.approx(10.0) and ratio["verdict"] == "reproduced"


def test_next_step_cond_ae_and_echo_claims():
    from lstm_toys.kinds.cond_ae import claims as cond_claims
    from lstm_toys.kinds.echo import claims as echo_claims
    from lstm_toys.kinds.echo.metrics import compute as echo_metrics
    from lstm_toys.kinds.next_step import claims as next_claims

    next_metrics = {"v": {"val": {"loss_per_example": 5e-4, "noise_floor": 4e-4},
                          "generation_1000": {"period": 1.05, "amplitude_last_200": 0.9}}}
    config = {"dev_loss_near_noise_floor": {"threshold": 2.0}, "keeps_training_period": {"threshold": 0.1},
              "keeps_oscillating": {"threshold": 0.5}}
    verdicts = assess_five(next_claims.CLAIMS, config, next_metrics)
    assert [v["measured"] for v in verdicts] == pytest.approx([1.25, 0.05, 0.9])
    assert all(v["verdict"] == "reproduced" for v in verdicts)

    cond = {"v": {"train": {"numpy_keras_max_abs_diff": 2e-7}, "val": {"numpy_keras_max_abs_diff": 3e-6,
                                                                      "logistic_regression_accuracy": 1.0}}}
    verdicts = assess_five(cond_claims.CLAIMS, {"classifies_perfectly": {"threshold": 1.0},
                                           "numpy_matches_keras": {"threshold": 1e-5}}, cond)
    assert [v["measured"] for v in verdicts] == [1.0, 3e-6] and all(v["verdict"] == "reproduced" for v in verdicts)

    one_hot = np.eye(5)
    expected = np.array([[1, 2, 3, 4], [2, 3, 4, 0]])
    repeated = np.array([[1, 1, 2, 2], [2, 2, 3, 3]])
    metrics = echo_metrics({}, {"val": {"targets": one_hot[expected]}}, {"val": {"outputs": one_hot[repeated]}}, {})
    assert metrics["val"]["token_accuracy"] == 0.25 and metrics["val"]["sequence_accuracy"] == 0.0
    assert metrics["val"]["repetition_rate"] == pytest.approx(2 / 3)
    verdicts = assess_five(echo_claims.CLAIMS, {"long_output_fails": {"threshold": 0.5},
                                           "repeats_early_tokens": {"threshold": 0.25}}, {"v": metrics})
    assert all(v["verdict"] == "reproduced" for v in verdicts)
