import numpy as np
import pytest

from lstm_toys.evaluation.scores import error_over_range
from lstm_toys.evaluation.waves import crossings, fit_phase, line_fits, phase_sweep_summary, row_correlations, sine_fits_at
from lstm_toys.kinds.autoencoder.metrics import condition_errors, snapshot_scores
from lstm_toys.kinds.echo.metrics import late_jump, repeats, stuck_errors
from lstm_toys.kinds.next_step.metrics import dominant_period
from lstm_toys.kinds.seq2seq.metrics import epochs_to_fit, probe_scores

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


def test_line_fits_give_slopes_and_the_bend_left_over():
    slopes, residuals = line_fits(X, np.stack([0.5 * X + 0.2, X**2]))
    np.testing.assert_allclose(slopes, [0.5, 1.0], atol=1e-9)  # x^2's best line: slope 1 on [0, 1]
    assert residuals[0] < 1e-12
    assert residuals[1] == pytest.approx(np.sqrt(1 / 180), rel=0.05)  # by hand: x^2 - (x - 1/6), RMS over [0, 1]


def test_crossings_count_two_per_cycle():
    # by hand: 3 cycles over [0, 1] cross their mean 6 times, give or take one at the ends
    assert crossings(np.sin(2 * np.pi * 3 * X + 0.3)[None, :])[0] in (5, 6)
    assert crossings(np.sin(2 * np.pi * 0.2 * X)[None, :])[0] == 1  # rising all along: through its mean once


def test_sine_fits_at_a_known_frequency_read_the_amplitude_and_extrapolate():
    late = X >= 0.2
    wave = 0.6 * np.sin(2 * np.pi * 2 * X + 1.0) + 0.1
    amplitudes, fitted = sine_fits_at(X[late], wave[None, late], [2.0])
    assert amplitudes[0] == pytest.approx(0.6)
    np.testing.assert_allclose(fitted[0](X[~late]), wave[~late], atol=1e-9)


def test_error_over_range_is_rmse_over_the_plotted_height():
    targets = np.linspace(0, 2, 50)  # a height of 2
    assert error_over_range(targets, targets + 0.1) == pytest.approx(0.05)  # by hand: 0.1 / 2
    assert error_over_range(targets, targets + 0.1, span=1.0) == pytest.approx(0.1)


def test_probe_scores_tell_a_copy_from_the_trained_curve():
    phases = np.array([0.25, 1.0, 2.0])
    probes = np.sin(2 * np.pi * X[None, :] + phases[:, None])
    copied = probe_scores(X, probes, probes, np.ones(3))
    assert copied["valley_position_spread_ratio"] == pytest.approx(1.0)
    assert copied["amplitude_error_over_range"] < 1e-9 and copied["start_departure_over_range"] < 1e-9
    stayed = probe_scores(X, probes, np.sin(2 * np.pi * X)[None, :].repeat(3, axis=0), np.ones(3))
    assert stayed["valley_position_spread_ratio"] == 0.0


def test_epochs_to_fit_read_the_visual_criterion_off_the_val_loss():
    history = {"val_loss": np.array([0.5, 0.02, 0.009, 0.001])}
    assert epochs_to_fit(history, span=1.0) == 3.0  # by hand: (0.1 x 1)^2 = 0.01 first met at epoch 3
    assert epochs_to_fit({"val_loss": np.full(4, 0.5)}, span=1.0) == 5.0  # never: the epochs + 1


def test_the_unlearned_control_of_a_two_valued_factor():
    x = np.linspace(0, 1, 100)
    arrays = {"factor_names": np.array(["code"]), "factors": np.array([[0.0], [1.0]]),
              "targets": np.stack([np.cos(2 * np.pi * x), np.sin(2 * np.pi * x)])[..., None]}
    errors = condition_errors(arrays, arrays["targets"].copy(), span=2.0)
    assert errors["error_over_range_code_0"] == 0.0 and errors["error_over_range_code_1"] == 0.0
    # by hand: the mean of sin and cos misses each by (sin - cos) / 2, RMS 0.5, over a height of 2
    assert errors["unlearned_error_over_range"] == pytest.approx(0.25, abs=0.01)


def test_the_bend_and_the_fit_epochs_come_from_the_snapshots():
    x = np.linspace(0, 1, 100)
    targets = np.sin(2 * np.pi * x)[None, :, None].repeat(2, axis=0)
    epochs = np.array([0, 5, 10, 15])
    outputs = np.stack([np.zeros_like(targets), 0.01 * targets, targets, targets])  # bends at epoch 10
    val = {"factor_names": np.array(["phase"]), "factors": np.array([[0.0], [1.5]])}
    scores = snapshot_scores({"epochs": epochs, "targets": targets, "outputs": outputs}, val, x)
    assert scores["bend_epoch"] == 10.0  # by hand: the height reaches a tenth of 2 first at epoch 10
    assert scores["cosine_after_sine"] == 0.0


def test_echo_errors_that_repeat_and_stick():
    one_hot = np.eye(100)
    windows = np.array([[1, 2, 3, 4, 5], [2, 3, 4, 5, 6]])
    expected = windows[:, :4]
    repeated = np.array([[1, 1, 2, 2], [2, 2, 3, 3]])  # every wrong token repeats one before it
    share, chance = repeats(one_hot[windows], expected, repeated)
    assert share == 1.0 and 0 < chance < 0.1
    # by hand: the same place of the sequence (its token 3) read as 9 in both windows that hold it
    stuck = np.array([[1, 2, 9, 4], [2, 9, 4, 5]])
    assert stuck_errors(expected, stuck, windows_per_sequence=2) == 1.0
    assert stuck_errors(expected, np.array([[1, 2, 9, 4], [2, 3, 4, 8]]), windows_per_sequence=2) == 0.0


def test_a_late_jump_of_the_logged_loss():
    loss = np.array([3.6, 2.9, 2.4, 2.2, 2.0, 1.9, 1.7, 1.69, 4.28, 3.2])
    assert late_jump({"loss": loss}) == pytest.approx(4.28 / 1.69)  # by hand, as 004:271-273


def test_the_generated_period_is_read_finer_than_the_spectrum_bins():
    dt = 0.01
    signal = np.sin(2 * np.pi * np.arange(980) * dt / 0.95)  # a period of 0.95 time units
    assert dominant_period(signal, dt) == pytest.approx(0.95, abs=0.002)  # the bins alone read 0.98 or 0.89
