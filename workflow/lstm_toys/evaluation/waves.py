"""Reading waves: fitted phase, amplitude, and how well one curve follows another (NumPy)."""

import numpy as np

from lstm_toys.evaluation.scores import spearman


def fit_phase(x, waves) -> tuple:
    """Least-squares fit of ``A sin(2 pi x + phi)`` to each wave (rows of ``waves``).

    ``A sin(2 pi x + phi) = a sin(2 pi x) + b cos(2 pi x)`` with ``a = A cos phi``,
    ``b = A sin phi``: a linear fit, then ``phi = atan2(b, a)``. Returns the phases
    and the RMS residual of each fit.
    """
    basis = np.stack([np.sin(2 * np.pi * x), np.cos(2 * np.pi * x)], axis=1)
    waves = np.atleast_2d(np.asarray(waves, dtype=np.float64))
    coefficients, *_ = np.linalg.lstsq(basis, waves.T, rcond=None)
    residual = waves - (basis @ coefficients).T
    return np.arctan2(coefficients[1], coefficients[0]), np.sqrt(np.mean(residual**2, axis=1))


def phase_sweep_summary(latent, phases) -> dict:
    """How the fitted phase moves along a latent sweep: rank correlation and span
    (the phase is unwrapped along the sweep, so a path across +-pi is continuous)."""
    order = np.argsort(latent)
    unwrapped = np.unwrap(np.asarray(phases)[order])
    return {
        "phase_spearman": spearman(np.asarray(latent)[order], unwrapped),
        "phase_span": float(unwrapped.max() - unwrapped.min()),
        "phase_min": float(unwrapped.min()),
        "phase_max": float(unwrapped.max()),
    }


def half_range(waves, mask) -> np.ndarray:
    """Half the peak-to-peak of each wave over the masked part: an amplitude."""
    return np.ptp(np.asarray(waves)[:, mask], axis=1) / 2


def row_correlations(a, b, mask) -> np.ndarray:
    """Pearson correlation of each pair of rows over the masked part."""
    a, b = np.asarray(a)[:, mask], np.asarray(b)[:, mask]
    a = a - a.mean(axis=1, keepdims=True)
    b = b - b.mean(axis=1, keepdims=True)
    denominator = np.sqrt((a**2).sum(axis=1) * (b**2).sum(axis=1))
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(denominator > 0, (a * b).sum(axis=1) / denominator, np.nan)


def line_fits(x, waves) -> tuple:
    """Least-squares line ``m x + t`` through each wave: ``(slopes, RMS residuals)``."""
    basis = np.stack([x, np.ones_like(x)], axis=1)
    waves = np.atleast_2d(np.asarray(waves, dtype=np.float64))
    coefficients, *_ = np.linalg.lstsq(basis, waves.T, rcond=None)
    residual = waves - (basis @ coefficients).T
    return coefficients[0], np.sqrt(np.mean(residual**2, axis=1))


def crossings(waves) -> np.ndarray:
    """How often each wave crosses its own mean: two per cycle, give or take the one a
    window's ends may split."""
    centred = np.atleast_2d(np.asarray(waves, dtype=np.float64))
    centred = centred - centred.mean(axis=1, keepdims=True)
    signs = np.sign(centred)
    return np.sum(signs[:, 1:] * signs[:, :-1] < 0, axis=1)


def sine_fits_at(x, waves, frequencies) -> tuple:
    """Least squares of ``a sin(2 pi f x) + b cos(2 pi f x) + c`` to each wave at its
    known frequency ``f``: ``(amplitudes, fitted curves as functions of an x)``."""
    waves = np.atleast_2d(np.asarray(waves, dtype=np.float64))
    amplitudes, fitted = [], []
    for wave, frequency in zip(waves, frequencies):
        def basis(at, f=frequency):
            return np.stack([np.sin(2 * np.pi * f * at), np.cos(2 * np.pi * f * at), np.ones_like(at)], axis=1)

        coefficients, *_ = np.linalg.lstsq(basis(x), wave, rcond=None)
        amplitudes.append(float(np.hypot(*coefficients[:2])))
        fitted.append(lambda at, b=basis, c=coefficients: b(at) @ c)
    return np.array(amplitudes), fitted
