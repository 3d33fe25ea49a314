"""The tidy tables: every number of the metrics documents and every replicate of every
claim, one row each, as pandas reads them back."""

import math

import pandas as pd
import pytest

from lstm_toys.presentation import tidy


def claims_document():
    verdict = {"claim": "fits", "values": [0.05, None, 0.2], "judged": [True, True, False], "threshold": 0.1,
               "comparison": "<", "passing": 1}
    ablation = {"values": [0.3, 0.01, 0.5], "judged": [True] * 3, "passing": 1, "variants": ["v_sigmoid"]}
    return {"experiment": "e", "claims": [verdict, {**verdict, "claim": "grows", "comparison": ">=", "threshold": 0.2,
                                                  "ablation": ablation}]}


def test_metrics_become_one_row_per_number_with_lists_spread_and_nan_empty(tmp_path):
    replicates = [{"v": {"layout": 4, "val": {"mse": 0.5, "grid": [1, 2], "note": "text", "bad": float("nan")},
                         "training": {"final_loss": 3}}},
                  {"v": {"val": {"mse": 0.7}}}]
    table = tidy.metrics_rows("e", replicates)
    assert list(table.columns) == tidy.METRIC_COLUMNS
    assert table[["replicate", "split", "metric"]].values.tolist() == [
        [0, "val", "mse"], [0, "val", "grid[0]"], [0, "val", "grid[1]"], [0, "val", "bad"],
        [0, "training", "final_loss"], [1, "val", "mse"]]
    assert math.isnan(table["value"][3]) and table["value"].tolist()[:3] == [0.5, 1.0, 2.0]
    tidy.write(table, tmp_path / "m.tsv")
    back = pd.read_csv(tmp_path / "m.tsv", sep="\t")
    pd.testing.assert_frame_equal(back, table, check_dtype=False)
    summary = tidy.summary(back)
    mse = summary[summary["metric"] == "mse"].iloc[0]
    assert (mse["median"], mse["low"], mse["high"], mse["replicates"]) == (0.6, 0.5, 0.7, 2)
    assert "bad" not in set(summary["metric"])  # a metric no replicate measured has no row, not an empty cell


def test_claims_become_one_row_per_replicate_of_each_model():
    table = tidy.claims_rows(claims_document())
    assert list(table.columns) == tidy.CLAIM_COLUMNS
    assert table[["claim", "model", "replicate", "passing", "judged"]].values.tolist() == [
        ["fits", "write-up", 0, True, True], ["fits", "write-up", 1, False, True], ["fits", "write-up", 2, False, False],
        ["grows", "write-up", 0, False, True], ["grows", "write-up", 1, False, True], ["grows", "write-up", 2, False, False],
        ["grows", "ablation", 0, True, True], ["grows", "ablation", 1, False, True], ["grows", "ablation", 2, True, True],
    ]


@pytest.mark.parametrize("comparison, expected", [("<", [True, False, False]), ("<=", [True, True, False]),
                                                  (">", [False, False, True]), (">=", [False, True, True])])
def test_passing_compares_with_the_threshold_as_the_claim_says(comparison, expected):
    verdict = {"comparison": comparison, "threshold": 1.0}
    assert [tidy.passes(verdict, value) for value in (0.5, 1.0, 2.0)] == expected
