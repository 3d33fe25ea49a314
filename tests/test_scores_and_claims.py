import math

import numpy as np
import pytest

from judging import assess_five, sourced
from lstm_toys.evaluation.scores import distance_outside, mean_baseline, regression_scores, response_slopes, spearman
from lstm_toys.evaluation.replicates import assess
from lstm_toys.kinds.seq2vec import claims as seq2vec_claims


def test_regression_scores():
    scores = regression_scores([[0.0], [1.0]], [[0.5], [1.0]])
    assert scores == {"mse": 0.125, "rmse": math.sqrt(0.125), "mae": 0.25}


def test_relative_mse_divides_by_the_mse_of_the_trivial_baseline():
    train = np.array([[0.0, 2.0], [1.0, 4.0]])  # two training curves of two steps
    np.testing.assert_allclose(mean_baseline(train), [0.5, 3.0])  # the mean curve
    np.testing.assert_allclose(mean_baseline(train, per_position=False), [1.75, 1.75])  # a flat line
    scores = regression_scores(train, train + 0.25, mean_baseline(train))
    assert scores["baseline_mse"] == pytest.approx(0.625) and scores["relative_mse"] == pytest.approx(0.0625 / 0.625)
    perfect_baseline = regression_scores(train[:1], train[:1] + 0.1, train[0])
    assert math.isnan(perfect_baseline["relative_mse"])  # a zero baseline error gives no ratio


def test_spearman_is_one_for_monotonic_and_nan_for_constant():
    x = np.linspace(0, 1, 20)
    assert spearman(x, np.exp(x)) == pytest.approx(1.0)
    assert spearman(x, -x) == pytest.approx(-1.0)
    assert math.isnan(spearman(x, np.ones(20)))


def test_distance_outside_takes_the_worst_factor():
    values = np.array([[0.5, 0.5], [-0.5, 0.5], [1.5, 2.0]])
    ranges = {"slope": [0, 1], "intercept": [0, 1]}
    np.testing.assert_allclose(distance_outside(values, ranges, ["slope", "intercept"]), [0.0, 0.5, 1.0])


def test_response_slope_is_one_when_following_and_zero_when_flat():
    truth = np.linspace(0.5, 1.0, 50)[:, None]
    assert response_slopes(truth, truth)[0] == pytest.approx(1.0)
    assert response_slopes(truth, np.full_like(truth, 0.5))[0] == pytest.approx(0.0)


def seq2vec_metrics(val_error, ood_error, spearman_value):
    return {"lstm32": {"val": {"error_over_range": val_error},
                       "ood": {"error_over_plotted_range": ood_error, "error_distance_spearman": spearman_value}}}


def test_seq2vec_claims_reproduced_and_not():
    config = {"recovered": {"threshold": 0.1}, "not_recovered": {"threshold": 0.1, "split": "ood"},
              "error_grows_with_distance": {"threshold": 0.5, "split": "ood"}}
    good = assess_five(seq2vec_claims.CLAIMS, config, seq2vec_metrics(0.02, 0.3, 0.9))
    assert [v["verdict"] for v in good] == ["reproduced"] * 3
    assert [v["measured"] for v in good] == pytest.approx([0.02, 0.3, 0.9])
    bad = assess_five(seq2vec_claims.CLAIMS, config, seq2vec_metrics(0.2, 0.05, 0.1))
    assert [v["verdict"] for v in bad] == ["not reproduced"] * 3


def test_a_nan_measurement_fails_its_replicate():
    config = {"recovered": {"threshold": 0.1}}
    defined = seq2vec_metrics(0.01, 0.3, 0.9)
    [verdict] = assess(seq2vec_claims.CLAIMS, sourced(config), [defined] * 4 + [seq2vec_metrics(float("nan"), 0.3, 0.9)],
                       seed=0)
    assert verdict["values"][:4] == [0.01] * 4 and verdict["values"][4] is None
    assert verdict["passing"] == 4 and verdict["measured"] is None and verdict["verdict"] == "inconclusive"
