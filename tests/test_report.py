"""The report's pieces: escaping, training cost, provenance, notebooks' helpers and templates."""

import ast
import logging
import base64
import subprocess
from importlib import metadata

import nbformat
import pytest

from lstm_toys.data.documents import write_document
from lstm_toys.presentation import notebook
from lstm_toys.presentation.costs import training_cost
from lstm_toys.presentation.executed import (
    KERNEL_PORT_RACE,
    run_with_fresh_kernel_on_port_race,
    strip_run_metadata,
)
from lstm_toys.presentation.provenance import git_commit, provenance
from lstm_toys.presentation.report import render
from lstm_toys.registry import KINDS

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
            "claims": [{"claim": EVIL, "observed": EVIL, "source": EVIL, "statement": EVIL, "measured": 1.0, "values": [1.0] * 5,
                        "judged": [True] * 5, "basis": EVIL, "statistic": "median",
                                                  "replicates": 5, "passing": 5, "interval": [0.5, 1.5],
                                                  "p_value": 0.03125, "comparison": "<", "threshold": 2.0,
                                                  "verdict": verdict}]}


def test_strings_from_config_and_results_are_escaped(tmp_path):
    (tmp_path / "f.png").write_bytes(PNG)
    cost = {"wall s": 1.0, "max RSS MB": None, "epochs": 2, "s per epoch": 0.5}
    html = render(EVIL, [verdicts()], {EVIL: {EVIL: {EVIL: {EVIL: 1.0}}}}, {EVIL: {EVIL: tmp_path / "f.png"}},
                  claims_figures={EVIL: tmp_path / "f.png"}, costs={EVIL: {EVIL: cost}}, provenance={EVIL: EVIL}, notebooks={EVIL: f"notebooks/{EVIL}.html"})
    assert "<script>" not in html
    assert ESCAPED in html and f"href='notebooks/{ESCAPED}.html'" in html
    assert html.count("data:image/png;base64,") == 2  # the figure, and the claims over replicates


def test_report_holds_costs_provenance_summary_and_notebook_links(tmp_path):
    (tmp_path / "f.png").write_bytes(PNG)
    cost = {"wall s": 12.0, "max RSS MB": 650.5, "epochs": 4, "s per epoch": 3.0}
    claims = [verdicts("e"), verdicts("f", "not reproduced"), verdicts("g", "inconclusive"), verdicts("h")]
    html = render("t", claims, {"e": {"v": {"val": {"mse": 0.5}}}, "f": {}},
                  {"e": {"fig": tmp_path / "f.png"}}, costs={"e": {"v r0": cost}},
                  provenance={"git commit": "abc123"}, notebooks={"e": "notebooks/e.html"})
    assert ("Of 4 claims: <strong>2 reproduced</strong>, <strong>1 not reproduced</strong>, "
            "<strong>1 inconclusive</strong>.") in html
    assert "<tr class='not-reproduced'><td>f</td>" in html and "<tr class='inconclusive'><td>g</td>" in html
    assert "<td class='num'>5/5</td><td class='num'>1</td><td class='num'>[0.5, 1.5]</td><td class='num'>0.0312</td>" in html
    assert "<td class='num'>650.5</td><td class='num'>4</td><td class='num'>3</td>" in html
    assert "Training wall time, summed: 12 s" in html
    assert f"<td>{ESCAPED}</td><td class='source'>{ESCAPED}</td><td>{ESCAPED}</td>" in html  # observed, source, measured as
    assert "<th>git commit</th><td>abc123</td>" in html
    assert "<table class='variants' data-experiment='e'>" in html  # which variant is the write-up's
    assert "<tr><td>v_sigmoid</td><td>sigmoid gates</td></tr>" in html
    assert ("<td class='num'>0.514</td><td>val.mse (" in html  # the write-up's number beside the pipeline's
            and "<td class='num'>0.55</td><td class='num'>[0.5, 0.6]</td></tr>" in html)
    assert "<a href='notebooks/e.html'>the executed notebook</a>" in html


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
    write_document(tmp_path / "m.json", {"val": {"mse": 0.25}, "training": {"final_loss": 1.0}})
    (tmp_path / "f.png").write_bytes(PNG)
    write_document(tmp_path / "m1.json", {"val": {"mse": 0.75}, "training": {"final_loss": 3.0}})
    study = notebook.load("e", tmp_path / "claims.json", tmp_path / "f.png",
                          [{"v": tmp_path / "m.json"}, {"v": tmp_path / "m1.json"}], {EVIL: tmp_path / "f.png"})
    assert "<strong>1 reproduced</strong>" in notebook.heading(study, EVIL) and ESCAPED in notebook.heading(study, EVIL)
    assert study.metrics == {"v": {"val": {"mse": 0.5}, "training": {"final_loss": 2.0}}}  # medians
    assert notebook.claims_png(study) == PNG
    assert ESCAPED in notebook.claims_html(study)
    assert f"<tr><td>{ESCAPED}</td><td>{ESCAPED}</td></tr>" in notebook.claims_html(study)  # a variant and its note
    headline = notebook.metrics_html(study, ["mse"])
    assert "<td>val</td>" in headline and "training" not in headline  # rows without a named metric are left out
    embedded = "data:image/png;base64," + base64.b64encode(PNG).decode("ascii")
    assert list(notebook.figures(study)) == [(f"<h3>{ESCAPED}</h3>", f"<img src='{embedded}' alt='{ESCAPED}'>")]
    with pytest.raises(ValueError, match="claims.json: holds the claims of 'e', not 'other'"):
        notebook.load("other", tmp_path / "claims.json", tmp_path / "f.png", [], {})


def test_one_template_serves_every_kind_and_its_parameters_are_plain_literals():
    assert [path.name for path in (REPO / "workflow" / "notebooks").glob("*.ipynb")] == ["experiment.ipynb"]
    book = nbformat.read(REPO / "workflow" / "notebooks" / "experiment.ipynb", as_version=4)
    nbformat.validate(book)
    tagged = [cell for cell in book.cells if "parameters" in cell.metadata.get("tags", [])]
    assert len(tagged) == 1
    assignments = ast.parse(tagged[0].source).body
    assert {node.targets[0].id for node in assignments} == {"experiment", "kind", "title", "claims", "claims_figure", "metrics",
                                                                  "figures"}
    for node in assignments:
        ast.literal_eval(node.value)  # data only: no call, no name
    assert all(not cell.get("outputs") for cell in book.cells if cell.cell_type == "code")  # committed unexecuted


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
