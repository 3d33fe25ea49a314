"""The report's pieces: its first screen, sections, preview, escaping, training cost, provenance,
notebooks' helpers and templates."""

import ast
import base64
import logging
import re
import subprocess
from importlib import metadata

import nbformat
import pytest
import yaml
from PIL import Image

from lstm_toys.data.documents import write_document
from lstm_toys.presentation import notebook
from lstm_toys.presentation.costs import training_cost
from lstm_toys.presentation.executed import (
    KERNEL_PORT_RACE,
    run_with_fresh_kernel_on_port_race,
    strip_run_metadata,
)
from lstm_toys.presentation.provenance import git_commit, provenance
from lstm_toys.presentation.report import claim_name, figure_widths, render
from lstm_toys.presentation.strip_geometry import geometry
from lstm_toys.preview import differences
from lstm_toys.registry import KINDS
from lstm_toys.validation import effective_config

from conftest import REPO

PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)
EVIL = "<script>alert('x')</script>\""
ESCAPED = "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&#34;"  # as Jinja's autoescape (MarkupSafe) writes it
BENCHMARK = "s\th:m:s\tmax_rss\tmax_vms\tmax_uss\tmax_pss\tio_in\tio_out\tmean_load\tcpu_time\n{}\t0:00:17\t{}\t1\t1\t1\t0\t0\t80\t14\n"


def verdicts(experiment=EVIL, verdict="reproduced"):
    return {"experiment": experiment, "variants": {EVIL: EVIL, "v_sigmoid": "sigmoid gates"},
            "printed": [{"name": EVIL, "metric": "val.mse", "variant": EVIL, "write_up": 0.514, "source": EVIL, "observed": EVIL,
                         "values": [0.5, 0.6], "median": 0.55, "range": [0.5, 0.6]}],
            "records": [{"name": EVIL, "metric": "val.mse", "variant": EVIL, "meaning": EVIL, "values": [0.5, 0.6],
                         "median": 0.55, "range": [0.5, 0.6]}],
            "claims": [{"claim": EVIL, "observed": EVIL, "source": "000_abc.txt:1-2", "statement": EVIL, "measured": 1.0, "values": [1.0] * 5,
                        "judged": [True] * 5, "basis": EVIL, "statistic": "median",
                                                  "replicates": 5, "passing": 5, "interval": [0.5, 1.5],
                                                  "p_value": 0.03125, "comparison": "<", "threshold": 2.0,
                                                  "verdict": verdict}]}


def test_strings_from_config_and_results_are_escaped(tmp_path):
    (tmp_path / "f.png").write_bytes(PNG)
    cost = {"wall s": 1.0, "max RSS MB": None, "epochs": 2, "s per epoch": 0.5}
    metrics = {EVIL: [{"variant": EVIL, "split": EVIL, "metric": EVIL, "median": 1.0, "low": 0.5, "high": 1.5,
                       "replicates": 2}]}
    html = render(EVIL, [verdicts()], metrics, {EVIL: {EVIL: tmp_path / "f.png"}},
                  claims_figures={EVIL: tmp_path / "f.png"}, costs={EVIL: {EVIL: cost}}, provenance={EVIL: EVIL},
                  notebooks={EVIL: f"notebooks/{EVIL}.html"}, write_ups={EVIL: EVIL}, preview=[EVIL])
    assert "<script>" not in html.replace("<script>\n// A figure opens", "")  # only the page's own script
    assert ESCAPED in html and f"href='notebooks/{ESCAPED}.html'" in html
    assert html.count("data:image/png;base64,") == 2  # the figure, and the claims over replicates


def rendered(tmp_path, preview=()):
    (tmp_path / "f.png").write_bytes(PNG)
    cost = {"wall s": 12.0, "max RSS MB": 650.5, "epochs": 4, "s per epoch": 3.0}
    claims = [verdicts("e"), verdicts("f", "not reproduced"), verdicts("g", "inconclusive"), verdicts("h")]
    for document, line in zip(claims, (30, 10, 20, 40)):  # the write-ups' order is by source line
        document["claims"][0]["source"] = f"000_abc.txt:{line}-{line + 2}"
    claims[3]["claims"][0]["source"] = "004_def.txt:5-6"
    metrics = {"e": [{"variant": "v", "split": "val", "metric": "mse", "median": 0.5, "low": 0.25, "high": 0.75,
                      "replicates": 2}]}
    return render("t", claims, metrics, {"e": {"fig": tmp_path / "f.png"}}, costs={"e": {"v r0": cost}},
                  provenance={"git commit": "abc123"}, notebooks={"e": "notebooks/e.html"},
                  write_ups={"000": "Toy examples", "004": "Echo"}, preview=preview)


def test_the_first_screen_lists_each_write_ups_observations_in_order_with_totals(tmp_path):
    html = rendered(tmp_path)
    first = html[html.index("<section id='held-up'>"):html.index("</section>")]
    assert ("Of 4 observations: <strong>2 reproduced</strong>, <strong>1 not reproduced</strong>, "
            "<strong>1 inconclusive</strong>.") in first
    assert first.index("000: Toy examples") < first.index("004: Echo")
    assert ("Of 3 observations: <strong>1 reproduced</strong>, <strong>1 not reproduced</strong>, "
            "<strong>1 inconclusive</strong>.") in first  # 000's own totals
    badges = re.findall(r"<span class='badge ([a-z-]+)'>", first)
    assert badges == ["not-reproduced", "inconclusive", "reproduced", "reproduced"]  # lines 10, 20, 30; then 004
    assert first.count("<svg class='strip'") == 4 and first.count("<circle ") == 4 * 5  # a dot per replicate
    assert "median 1 [0.5, 1.5], 5/5 passing" in first
    assert first.count("<dt>its basis</dt>") == 4  # behind the row's disclosure
    assert "preview" not in first


def test_experiment_sections_follow_the_write_ups_and_hold_no_empty_cells(tmp_path):
    html = rendered(tmp_path)
    sections = re.findall(r"<section class='experiment' id='(\w+)'>", html)
    assert sections == ["f", "g", "e", "h"]
    assert "n/a" not in html
    assert "<td>v</td><td>val</td><td>mse</td><td class='num'>0.5</td><td class='num'>[0.25, 0.75]</td>" in html
    assert "<td class='num'>650.5</td><td class='num'>4</td><td class='num'>3</td>" in html
    assert "Training wall time, summed: 12 s" in html and "<th>git commit</th><td>abc123</td>" in html
    assert "<tr><td>v_sigmoid</td><td>sigmoid gates</td></tr>" in html  # which variant is the write-up's
    assert ("<td class='num'>0.514</td><td>val.mse (" in html  # the write-up's number beside the pipeline's
            and "<td class='num'>0.55</td><td class='num'>[0.5, 0.6]</td></tr>" in html)
    assert "<a href='notebooks/e.html'>Its notebook</a>" in html
    assert "style='min-width: 1px'" in html  # two thirds of the 1 px picture, rounded


def test_a_preview_says_so_before_any_verdict_and_marks_every_badge(tmp_path):
    html = rendered(tmp_path, preview=["replicates: 2 (full: 5)"])
    assert html.index("<div class='preview' id='preview'>") < html.index("<span class='badge")
    assert "<li>replicates: 2 (full: 5)</li>" in html
    badges = re.findall(r"<span class='badge [a-z-]+'>([^<]*)</span>", html)
    assert badges and all(badge.endswith(" (preview)") for badge in badges)
    assert "id='preview'" not in rendered(tmp_path)


def test_a_smaller_config_is_a_preview_and_the_full_one_is_not():
    full = effective_config(REPO)
    quick = effective_config(REPO, yaml.safe_load((REPO / "config" / "quick.yaml").read_text()))
    assert differences(full, full) == []
    found = differences(quick, full)
    assert "replicates: 2 (full: 5)" in found
    assert "experiments.s2v_amplitude.training.epochs: 2 (full: 150)" in found
    assert "experiments.s2v_amplitude.data.splits.train.n: 64 (full: 1000)" in found
    larger = {**full, "replicates": "7"}  # as --config hands it over: a string
    assert differences(larger, full) == []
    assert differences({**full, "replicates": "3"}, full) == ["replicates: 3 (full: 5)"]


def test_claim_names_read_as_words():
    assert claim_name("diverges_beyond_0_5") == "diverges beyond 0.5"
    assert claim_name("takes_the_frequency_after_0_2") == "takes the frequency after 0.2"


@pytest.mark.parametrize("suffix", [".png", ".gif"])
def test_a_figure_is_shown_at_two_thirds_of_its_drawn_width_or_more(tmp_path, suffix):
    path = tmp_path / f"f{suffix}"
    Image.new("RGB", (900, 30)).save(path)  # two 450 px panels
    assert figure_widths({"f": path}) == {"f": 600}


@pytest.mark.parametrize("statistic", ["median", "rate"])
def test_a_strip_places_replicates_threshold_and_median_in_its_width(statistic):
    verdict = {"values": [1.0, None, 3.0], "threshold": 2.0, "measured": 2.0, "interval": [1.0, 3.0],
               "statistic": statistic}
    shape = geometry(verdict, 100)
    assert shape["dots"] == [6.0, 94.0] and shape["threshold"] == 50.0  # the ends kept 6 % in
    assert (shape["median"], shape["interval"]) == ((50.0, (6.0, 94.0)) if statistic == "median" else (None, None))
    far = geometry({**verdict, "values": [1e-4, 1.0], "statistic": "median"}, 100)
    # log10 from -4 (the first dot) to log10(3) (the interval's end): 1 at 6 + 88 * 4 / 4.477, 2 at 6 + 88 * 4.301 / 4.477
    assert far["log"] and far["dots"] == [6.0, 84.6] and far["threshold"] == 90.5


def test_training_cost_reads_the_benchmark_and_the_history(tmp_path):
    (tmp_path / "b.tsv").write_text(BENCHMARK.format("17.43", "671.29"))
    (tmp_path / "h.csv").write_text("epoch,loss,val_loss,seconds\n1,2,2,1\n2,1,1,1\n4,1,1,1\n")
    assert training_cost(tmp_path / "b.tsv", tmp_path / "h.csv") == {
        "wall s": 17.43, "max RSS MB": 671.29, "epochs": 4, "s per epoch": pytest.approx(17.43 / 4)}
    (tmp_path / "b.tsv").write_text(BENCHMARK.format("3.0", "NA"))  # Snakemake could not measure memory
    assert training_cost(tmp_path / "b.tsv", tmp_path / "h.csv")["max RSS MB"] is None


def test_provenance_names_commit_config_hash_date_and_versions(tmp_path, monkeypatch):
    facts = provenance("f" * 64)
    assert facts["config sha256"] == "f" * 64 and facts["keras"] == metadata.version("keras")
    assert facts["snakemake"] == metadata.version("snakemake") and len(facts["date (UTC)"]) == 19
    monkeypatch.chdir(tmp_path)
    assert git_commit() == "unknown (not a git checkout)"
    subprocess.run(["git", "init", "-q"], check=True)
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "--allow-empty", "-m", "x"], check=True)
    head = subprocess.run(["git", "rev-parse", "HEAD"], capture_output=True, text=True).stdout.strip()
    assert git_commit() == head


def test_executed_notebooks_lose_their_timestamps():
    book = {"metadata": {"papermill": {"start_time": "t", "end_time": "t", "duration": 1.0, "parameters": {"a": 1}}},
            "cells": [{"id": "3f2a", "metadata": {"execution": {"iopub.status.busy": "t"},
                                                  "papermill": {"duration": 0.1, "status": "completed"}, "tags": ["x"]}},
                      {"id": "a1b2c3", "metadata": {"tags": ["injected-parameters"]}}]}
    assert strip_run_metadata(book) == {
        "metadata": {"papermill": {"parameters": {"a": 1}}},
        "cells": [{"id": "3f2a", "metadata": {"papermill": {"status": "completed"}, "tags": ["x"]}},
                  {"id": "injected-parameters", "metadata": {"tags": ["injected-parameters"]}}],  # not random
    }


def test_notebook_helpers_check_the_experiment_and_escape(tmp_path):
    write_document(tmp_path / "claims.json", verdicts("e"))
    (tmp_path / "f.png").write_bytes(PNG)
    document = notebook.load("e", tmp_path / "claims.json")
    assert "<strong>1 reproduced</strong>" in notebook.heading(document, EVIL)
    assert ESCAPED in notebook.heading(document, EVIL)
    observed = notebook.observations(document)
    assert f"<strong>{ESCAPED}</strong>: {ESCAPED}" in observed  # the claim and what the write-up observed
    assert f"<tr><td>{ESCAPED}</td><td>{ESCAPED}</td></tr>" in observed  # a variant and its note
    embedded = "data:image/png;base64," + base64.b64encode(PNG).decode("ascii")
    assert notebook.figure(EVIL, tmp_path / "f.png") == f"<h3>{ESCAPED}</h3><img src='{embedded}' alt='{ESCAPED}'>"
    with pytest.raises(ValueError, match="claims.json: holds the claims of 'e', not 'other'"):
        notebook.load("other", tmp_path / "claims.json")


def test_one_template_serves_every_kind_and_its_parameters_are_plain_literals():
    assert [path.name for path in (REPO / "workflow" / "notebooks").glob("*.ipynb")] == ["experiment.ipynb"]
    book = nbformat.read(REPO / "workflow" / "notebooks" / "experiment.ipynb", as_version=4)
    nbformat.validate(book)
    tagged = [cell for cell in book.cells if "parameters" in cell.metadata.get("tags", [])]
    assert len(tagged) == 1
    assignments = ast.parse(tagged[0].source).body
    assert {node.targets[0].id for node in assignments} == {"experiment", "kind", "title", "claims", "tables",
                                                            "histories", "figures"}
    for node in assignments:
        ast.literal_eval(node.value)  # data only: no call, no name
    assert all(not cell.get("outputs") for cell in book.cells if cell.cell_type == "code")  # committed unexecuted
    code = "\n".join(cell.source for cell in book.cells if cell.cell_type == "code")
    assert 'pd.read_csv(tables["metrics"], sep="\\t")' in code and "plt.subplots" in code  # the reader's own cells


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_each_kind_tells_its_story_beside_its_claims(kind):
    told = notebook.story(kind)
    assert told.title and len(told.narrative) > 100 and "write-up" in told.narrative.lower()
    assert notebook.introduction(told).startswith(f"# {told.title}\n")
    assert told.headline_metrics and told is KINDS[kind].load("story")
    assert KINDS[kind].source("story").name == "claims.py"  # the story lives beside the claims


def all_plots() -> dict:
    return {name: plot for kind in KINDS.values() for name, plot in kind.load("plots").items()}


def test_every_plot_kind_has_its_own_caption_for_snakemakes_report():
    captions = {name: plot.caption for name, plot in all_plots().items()}
    assert len(captions) == 17 and all(len(caption) > 40 for caption in captions.values())
    assert len(set(captions.values())) == len(captions)  # one distinct sentence per plot kind
    template = (REPO / "workflow" / "report" / "figure.rst").read_text()
    assert "snakemake.params.caption" in template and "snakemake.wildcards.figure" in template


def test_a_kernel_that_lost_its_port_is_started_again_and_other_errors_are_raised():
    calls = []

    def lose_once():
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError(KERNEL_PORT_RACE)
        return "executed"

    logger = logging.getLogger("notebook-test")
    assert run_with_fresh_kernel_on_port_race(lose_once, logger) == "executed" and len(calls) == 2

    def failing(message):
        attempts = []

        def run():
            attempts.append(1)
            raise RuntimeError(message)

        return run, attempts

    always_lost, attempts = failing(KERNEL_PORT_RACE)
    with pytest.raises(RuntimeError, match="Kernel died"):  # the last attempt's error
        run_with_fresh_kernel_on_port_race(always_lost, logger)
    assert len(attempts) == 3  # three kernels in all
    failed_cell, attempts = failing("a cell failed")
    with pytest.raises(RuntimeError, match="a cell failed"):  # any other error at once
        run_with_fresh_kernel_on_port_race(failed_cell, logger)
    assert len(attempts) == 1  # not run again
