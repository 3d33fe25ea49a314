"""Claims over replicates: the median's bootstrap interval, the sign test, the
three-way verdict, and the median metrics (known inputs, known answers)."""

import operator

import numpy as np
import pytest

from judging import sourced
from lstm_toys.evaluation import replicates as stats
from lstm_toys.evaluation.replicates import assess
from lstm_toys.kinds.autoencoder import claims as autoencoder_claims
from lstm_toys.kinds.seq2vec import claims as seq2vec_claims
from lstm_toys.evaluation.printed import compare
from lstm_toys.data.seeds import derive_seed


def below(threshold):
    return lambda value: operator.lt(value, threshold)


def test_five_passing_replicates_give_the_least_significant_sign_test():
    assert stats.sign_test(5, 5) == pytest.approx(1 / 32)  # 0.031
    assert stats.sign_test(4, 5) == pytest.approx(6 / 32)
    assert stats.sign_test(3, 3) == pytest.approx(1 / 8)  # three seeds can never be significant
    assert stats.sign_test(0, 4) == 1.0


def test_interval_of_the_median_is_seeded_and_holds_the_median():
    values = [0.5, 0.7, 1.2, 0.9, 3.0]
    interval, method = stats.median_interval(values, seed=7)
    assert method == "BCa"
    assert interval[0] <= np.median(values) <= interval[1]
    assert interval[0] >= min(values) and interval[1] <= max(values)
    assert stats.median_interval(values, seed=7) == (interval, method)  # same seed, same bytes
    squares = [round(v * v, 2) for v in np.linspace(0.1, 1.0, 10)]  # where a resample's draw shows
    assert stats.median_interval(squares, seed=7)[0] == (0.09, 0.65)
    assert stats.median_interval(squares, seed=8)[0] == (0.09, 0.64)  # another seed, another interval


def test_all_equal_values_fall_back_from_a_nan_bca_interval_to_the_point():
    interval, method = stats.median_interval([0.25, 0.25, 0.25], seed=1)
    assert interval == (0.25, 0.25) and method == "percentile"
    summary = stats.summarise([0.25] * 5, below(1.0), seed=1)
    assert summary["verdict"] == stats.REPRODUCED and summary["passing"] == 5
    assert stats.summarise([2.0] * 5, below(1.0), seed=1)["verdict"] == stats.NOT_REPRODUCED


def test_one_replicate_is_always_inconclusive():
    for value in (0.001, 1000.0):
        summary = stats.summarise([value], below(1.0), seed=3)
        assert summary["interval"] is None and summary["verdict"] == stats.INCONCLUSIVE
        assert summary["replicates"] == 1 and summary["p_value"] in (0.5, 1.0)


def test_values_on_both_sides_of_the_threshold_are_inconclusive():
    summary = stats.summarise([0.2, 0.4, 1.5, 2.0, 0.6], below(1.0), seed=5)
    low, high = summary["interval"]
    assert low < 1.0 < high
    assert summary["passing"] == 3 and summary["verdict"] == stats.INCONCLUSIVE


def test_every_replicate_passing_but_too_few_is_not_reproduced_yet():
    summary = stats.summarise([0.1, 0.2], below(1.0), seed=5)
    assert summary["interval"] == [pytest.approx(0.1), pytest.approx(0.2)]
    assert summary["p_value"] == 0.25 and summary["verdict"] == stats.INCONCLUSIVE


def test_failing_replicates_are_not_reproduced_without_a_significant_test():
    summary = stats.summarise([3.0, 4.0], below(1.0), seed=5)
    assert summary["passing"] == 0 and summary["verdict"] == stats.NOT_REPRODUCED


@pytest.mark.parametrize("passing,verdict,interval", [
    (0, stats.NOT_REPRODUCED, (0.0, 0.3085)),  # Clopper-Pearson, two-sided 95 %: 1 - 0.025 ** (1 / 10)
    (5, stats.INCONCLUSIVE, (0.1871, 0.8129)),
    (10, stats.REPRODUCED, (0.6915, 1.0)),
])
def test_a_rate_reaches_each_verdict_by_its_exact_interval_against_the_share(passing, verdict, interval):
    summary = stats.summarise_rate([0.1] * passing + [3.0] * (10 - passing), below(1.0), share=0.5)
    assert summary["verdict"] == verdict and summary["measured"] == passing / 10
    assert summary["interval"] == [pytest.approx(end, abs=1e-4) for end in interval]


def test_a_diverged_replicate_makes_the_claim_inconclusive_and_fails_its_sign():
    summary = stats.summarise([0.1, None, 0.2, 0.1, 0.3], below(1.0), seed=5)
    assert summary["passing"] == 4 and summary["measured"] is None
    assert summary["interval"] is None and summary["verdict"] == stats.INCONCLUSIVE


def test_a_measure_undefined_on_every_replicate_is_not_reproduced_except_with_one():
    summary = stats.summarise([None, None], below(1.0), seed=5)
    assert summary["passing"] == 0 and summary["interval"] is None and summary["verdict"] == stats.NOT_REPRODUCED
    assert stats.summarise([None], below(1.0), seed=5)["verdict"] == stats.INCONCLUSIVE


def test_verdict_needs_the_whole_interval_on_one_side():
    holds, values = below(1.0), [0.5] * 5  # the values only matter when all are undefined
    assert stats.verdict(values, (0.1, 0.9), holds, 0.03) == stats.REPRODUCED
    assert stats.verdict(values, (0.1, 0.9), holds, 0.19) == stats.INCONCLUSIVE  # too few replicates
    assert stats.verdict(values, (0.9, 1.1), holds, 0.03) == stats.INCONCLUSIVE
    assert stats.verdict(values, (1.0, 1.1), holds, 1.0) == stats.NOT_REPRODUCED  # 1.0 is not < 1.0
    assert stats.verdict([None, None], None, holds, 1.0) == stats.NOT_REPRODUCED  # never observed
    assert stats.verdict([None], None, holds, 1.0) == stats.INCONCLUSIVE


def test_assess_writes_every_field_and_does_not_depend_on_the_number_of_replicates():
    config = sourced({"recovered": {"threshold": 0.5}})

    def metrics(rmse):
        return {"lstm32": {"val": {"error_over_range": rmse}}}

    five = assess(seq2vec_claims.CLAIMS, config, [metrics(v) for v in (0.2, 0.3, 0.1, 0.4, 0.25)], seed=11)
    [verdict] = five
    assert set(verdict) == {"claim", "observed", "source", "statement", "threshold", "comparison", "values", "replicates", "passing",
                            "basis", "statistic", "judged",
                            "measured", "interval", "interval_method", "interval_of", "p_value", "verdict"}
    assert verdict["values"] == [0.2, 0.3, 0.1, 0.4, 0.25] and verdict["measured"] == 0.25
    assert verdict["passing"] == 5 and verdict["verdict"] == stats.REPRODUCED
    low, high = verdict["interval"]
    assert 0.1 <= low <= 0.25 <= high <= 0.4 and high < 0.5
    first_two = assess(seq2vec_claims.CLAIMS, config, [metrics(v) for v in (0.2, 0.3)], seed=11)
    assert first_two[0]["values"] == [0.2, 0.3]  # a replicate's value is the same with more companions
    assert assess(seq2vec_claims.CLAIMS, config, [metrics(v) for v in (0.2, 0.3, 0.1, 0.4, 0.25)], seed=11) == five


def test_the_bootstrap_seed_is_the_claims_whatever_the_number_of_replicates(monkeypatch):
    config = sourced({"recovered": {"threshold": 0.5}})
    seeds, interval = [], stats.median_interval

    def recorded(values, seed):
        seeds.append((len(values), seed))
        return interval(values, seed)

    monkeypatch.setattr(stats, "median_interval", recorded)
    for count in (2, 5):
        assess(seq2vec_claims.CLAIMS, config, [{"lstm32": {"val": {"error_over_range": 0.1 * k}}} for k in range(count)], 11)
    assert seeds == [(2, derive_seed(11, "recovered")), (5, derive_seed(11, "recovered"))]


def test_a_claim_judged_on_no_replicate_is_inconclusive_and_says_so():
    # worst_at_start is judged only where the rest reconstructs; here it never does
    config = sourced({"worst_at_start": {"variant": "latent1", "threshold": 0.1}})
    unreconstructed = {"latent1": {"val": {"rest_error_over_range": 0.5, "start_error_over_range": 0.9}}}
    [verdict] = assess(autoencoder_claims.CLAIMS, config, [unreconstructed] * 3, seed=2)
    assert verdict["judged"] == [False] * 3 and verdict["replicates"] == 0
    assert verdict["verdict"] == stats.INCONCLUSIVE and verdict["interval_method"] == "none: nothing judged"
    reconstructed = {"latent1": {"val": {"rest_error_over_range": 0.05, "start_error_over_range": 0.3}}}
    [judged] = assess(autoencoder_claims.CLAIMS, config, [reconstructed] * 5, seed=2)
    assert judged["replicates"] == 5 and judged["verdict"] == stats.REPRODUCED


def test_a_replicate_without_one_of_the_reference_to_compare_with_is_not_judged():
    config = sourced({"bends_later_than": {"variant": "latent1", "reference": "small/latent1", "threshold": 1.0}})
    bend = {"latent1": {"training": {"bend_epoch": 30.0}}}
    small = [{"training": {"bend_epoch": 10.0}}] * 2  # the reference ran 2 replicates, this experiment 4
    [verdict] = assess(autoencoder_claims.CLAIMS, config, [bend] * 4, seed=1, references={"bends_later_than": small})
    assert verdict["values"] == [3.0, 3.0, None, None] and verdict["judged"] == [True, True, False, False]
    assert verdict["replicates"] == 2


def test_printed_numbers_are_compared_over_replicates_in_config_order():
    printed = [["final_loss", {"metric": "training.final_loss", "value": 1.7, "source": "004_x.txt:1-2", "observed": "o"}],
               ["accuracy", {"metric": "val.token_accuracy", "variant": "b", "value": 1.0, "source": "s", "observed": "o"}]]
    replicates = [{"a": {"training": {"final_loss": loss}}, "b": {"val": {"token_accuracy": accuracy}}}
                  for loss, accuracy in ((2.0, 0.9), (1.0, None), (3.0, 0.7))]
    loss, accuracy = compare(printed, replicates)
    assert (loss["name"], loss["variant"], loss["write_up"]) == ("final_loss", "a", 1.7)  # the first variant by name
    assert loss["median"] == 2.0 and loss["range"] == [1.0, 3.0] and loss["values"] == [2.0, 1.0, 3.0]
    assert accuracy["variant"] == "b" and accuracy["median"] == pytest.approx(0.8)  # a non-finite value is left out
    with pytest.raises(KeyError, match="x: the metrics of a have no 'nope'"):
        compare([["x", {**printed[0][1], "metric": "training.nope"}]], replicates)
