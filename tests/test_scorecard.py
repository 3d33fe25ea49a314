"""The scorecard's Markdown: the preview warning, the write-ups' order, the totals, the
verdict before."""

from lstm_toys.presentation.scorecard import markdown

PREVIEW_NOTE = "> **A preview, not the study's result**"


def document(experiment, source, verdict="reproduced", claim="fits"):
    return {"experiment": experiment, "claims": [{
        "claim": claim, "observed": "it fits | well", "source": source, "basis": "controls' midpoint",
        "statistic": "median", "measured": 0.1, "interval": [0.05, 0.2], "judged": [True] * 5, "passing": 5,
        "replicates": 5, "comparison": "<", "threshold": 0.5, "verdict": verdict,
        "ablation": {"variants": ["v_sigmoid"], "same": False, "verdict": "not reproduced", "measured": 0.9,
                     "passing": 0, "replicates": 5}}]}


DOCUMENTS = [document("b", "004_echo.txt:90-105", "not reproduced"), document("a", "000_toys.txt:52-58"),
             document("c", "000_toys.txt:23-23", "inconclusive")]


def test_a_preview_opens_with_its_warning_and_the_full_run_does_not():
    preview = markdown(DOCUMENTS, preview=["replicates: 2 (full: 5)", "epochs: 3 (full: 100)"])
    assert preview.startswith(PREVIEW_NOTE) and "2 settings" in preview and "replicates: 2 (full: 5)" in preview
    assert PREVIEW_NOTE not in markdown(DOCUMENTS)


def test_rows_follow_the_write_ups_order_and_totals_count_the_era_models_only():
    table = markdown(DOCUMENTS)
    assert table.index("`c`") < table.index("`a`") < table.index("`b`")  # 000:23, 000:52, 004:90
    assert "| 000 | 2 | 1 | 0 | 1 |" in table and "| 004 | 1 | 0 | 1 | 0 |" in table
    assert "| all | 3 | 1 | 1 | 1 |" in table  # the sigmoid ablations, which differ, are not counted
    assert "v_sigmoid: differs: not reproduced, 0.9, 0/5" in table
    assert "it fits \\| well" in table  # a pipe in a claim's words does not split its row


def test_the_verdict_before_is_beside_each_row_and_new_claims_say_so(tmp_path):
    before = tmp_path / "before.tsv"
    before.write_text("experiment\tclaim\tbefore\na\tfits\tnot reproduced\n", encoding="utf-8")
    table = markdown(DOCUMENTS, before=before)
    header, rule, *rows = table.split("\n\n")[1].splitlines()
    assert header.endswith("| before |")
    assert [row.rsplit("|", 2)[1].strip() for row in rows] == ["new", "not reproduced", "new"]
