"""Bad input gets a clear error before any work; faults leave the results consistent."""

import ast
import json
import os
import re
import signal
import subprocess
import time
from pathlib import Path

import pytest
import yaml

from conftest import REPO, SNAKEMAKE, copy_workflow, planned_jobs, snakemake, tree_hashes, write_overlay

PACKAGE = REPO / "workflow" / "lstm_toys"


def exp(name, block):
    return {"experiments": {name: block}}


# (overlay or a function that edits config.yaml, the key the one-line message must name)
BAD_CONFIGS = {
    "epochs is text": (exp("s2v_amplitude", {"training": {"epochs": "ten"}}), "experiments.s2v_amplitude.training.epochs"),
    "zero epochs": (exp("s2v_amplitude", {"training": {"epochs": 0}}), "experiments.s2v_amplitude.training.epochs"),
    "negative batch": (exp("ae_line", {"training": {"batch_size": -1}}), "experiments.ae_line.training.batch_size"),
    "zero samples": (exp("s2v_amplitude", {"data": {"splits": {"val": {"n": 0}}}}), "experiments.s2v_amplitude.data.splits.val.n"),
    "zero units": (exp("s2v_amplitude", {"model": {"units": 0}}), "experiments.s2v_amplitude.model.units"),
    "negative learning rate": (exp("s2s_sine", {"training": {"learning_rate": -0.1}}), "experiments.s2s_sine.training.learning_rate"),
    "unknown kind": (exp("s2v_amplitude", {"kind": "seq2moon"}), "experiments.s2v_amplitude.kind"),
    "unknown optimizer": (exp("s2v_amplitude", {"training": {"optimizer": "adamw2"}}), "experiments.s2v_amplitude.training.optimizer"),
    "unknown experiment id (incomplete)": (exp("s2v_typo", {"training": {"epochs": 3}}), "experiments.s2v_typo"),
    "bad experiment id": ({"experiments": {"S2V Amplitude!": {}}}, "experiments"),
    "figure of a variant that does not exist": (
        exp("ae_line", {"figures": {"reconstructed_lines": {"variants": ["latent7"]}}}),
        "experiments.ae_line.figures.reconstructed_lines.variants",
    ),
    "claim of a variant that does not exist": (
        exp("ae_line", {"claims": {"reconstructs_latent1": {"variant": "latent2"}}}),
        "experiments.ae_line.claims.reconstructs_latent1.variant",
    ),
    "low above high": (
        exp("s2v_amplitude", {"data": {"splits": {"ood": {"ranges": {"amplitude": [1.0, 0.6]}}}}}),
        "experiments.s2v_amplitude.data.splits.ood.ranges.amplitude",
    ),
    "ood overlaps training": (
        exp("s2v_amplitude", {"data": {"splits": {"ood": {"ranges": {"amplitude": [0.2, 0.8]}}}}}),
        "experiments.s2v_amplitude.data.splits.ood.ranges",
    ),
    "range of one number": (
        exp("s2v_amplitude", {"data": {"splits": {"val": {"ranges": {"amplitude": [0.1]}}}}}),
        "experiments.s2v_amplitude.data.splits.val.ranges.amplitude",
    ),
    "unknown extra key": (exp("s2v_line_params", {"trainig": {"epochs": 3}}), "'trainig' was unexpected"),
    "unknown top-level key": ({"seeds": 3}, "'seeds' was unexpected"),
    "unknown plot": (exp("s2s_sine", {"figures": {"sine": {"plot": "pie"}}}), "experiments.s2s_sine.figures.sine.plot"),
    "unknown claim": (exp("s2s_sine", {"claims": {"flies": {"threshold": 1}}}), "experiments.s2s_sine.claims.flies"),
    "unknown split name": (exp("ae_line", {"data": {"splits": {"holdout": {"n": 3}}}}), "experiments.ae_line.data.splits"),
    "threads zero": ({"threads": {"train": 0}}, "threads.train"),
    "subset naming an unknown experiment": ({"subset": ["s2v_amplitude", "ae_lines"]}, "subset"),
    "missing seed": ("seed", "'seed' is a required property"),
    "missing options of a split generator": ("next_step_sine.data.options.window", "experiments.next_step_sine.data.options"),
}


def remove_key(directory, dotted):
    path = directory / "config" / "config.yaml"
    config = yaml.safe_load(path.read_text())
    *parents, last = dotted.split(".")
    node = config if dotted == "seed" else config["experiments"]
    for key in parents:
        node = node[key]
    del node[last]
    path.write_text(yaml.safe_dump(config))


@pytest.mark.workflow
@pytest.mark.parametrize("case", sorted(BAD_CONFIGS))
def test_bad_config_stops_before_any_job(tmp_path, case):
    directory = copy_workflow(tmp_path / "lstm-toys")
    bad, key = BAD_CONFIGS[case]
    overlays = []
    if isinstance(bad, str):
        remove_key(directory, bad)
    else:
        overlays.append(write_overlay(directory, yaml.safe_dump(bad)))
    result = snakemake(directory, overlays=overlays, check=False)
    assert result.returncode == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("Config error: ")]
    assert len(errors) == 1 and key in errors[0], result.stderr
    assert "Traceback" not in result.stderr and "Exception" not in result.stderr
    assert not (directory / "results").exists()


assert len(BAD_CONFIGS) >= 20


LONGER = "experiments:\n  s2v_amplitude:\n    training: {epochs: 40}\n"
TARGET = "results/claims/s2v_amplitude.json"


def start(directory, overlay):
    command = [SNAKEMAKE, "--cores", "2", TARGET, "--configfile", "config/quick.yaml", overlay]
    return subprocess.Popen(command, cwd=directory, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def wait_for(predicate, timeout=120):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if predicate():
            return
        time.sleep(0.2)
    raise AssertionError("timed out")


def training_reached(directory, epoch):
    log = directory / "results" / "logs" / "train" / "s2v_amplitude" / "lstm32.log"
    return lambda: log.exists() and f"epoch {epoch}/40" in log.read_text()


def experiment_hashes(directory):
    return {k: v for k, v in tree_hashes(directory).items() if "s2v_amplitude" in k}


@pytest.mark.workflow
def test_kill_9_of_training_then_rerun_gives_the_uninterrupted_bytes(tmp_path):
    reference = copy_workflow(tmp_path / "reference")
    snakemake(reference, TARGET, overlays=[write_overlay(reference, LONGER)])

    killed = copy_workflow(tmp_path / "killed")
    overlay = write_overlay(killed, LONGER)
    run = start(killed, overlay)
    wait_for(training_reached(killed, 5))
    trainer = subprocess.run(["pgrep", "-f", "-n", "train.py"], capture_output=True, text=True).stdout.split()
    os.kill(int(trainer[0]), signal.SIGKILL)
    run.wait(timeout=120)
    assert run.returncode != 0
    assert not (killed / "results" / "models" / "s2v_amplitude" / "lstm32" / "history.csv").exists()

    snakemake(killed, TARGET, overlays=[overlay])  # the default profile reruns incomplete jobs
    assert experiment_hashes(killed) == experiment_hashes(reference)
    assert len(experiment_hashes(reference)) == 3 + 1 + 1 + 1 + 1  # datasets, predictions, metrics, claims, snapshots


@pytest.mark.workflow
def test_a_second_snakemake_is_refused_by_the_lock_and_the_first_finishes(tmp_path):
    directory = copy_workflow(tmp_path / "lstm-toys")
    overlay = write_overlay(directory, LONGER)
    first = start(directory, overlay)
    wait_for(training_reached(directory, 2))
    second = snakemake(directory, TARGET, overlays=[overlay], check=False)
    assert second.returncode != 0
    assert "cannot be locked" in second.stderr + second.stdout
    assert first.wait(timeout=300) == 0
    assert json_ok(directory / TARGET)


def json_ok(path):
    import json

    return bool(json.loads(Path(path).read_text())["claims"])


@pytest.mark.workflow
def test_divergence_fails_the_job_naming_experiment_and_epoch_and_writes_no_metrics(tmp_path):
    directory = copy_workflow(tmp_path / "lstm-toys")
    overlay = write_overlay(directory, "experiments:\n  s2v_amplitude:\n    training: {optimizer: sgd, learning_rate: 1.0e+12}\n")
    result = snakemake(directory, "results/metrics/s2v_amplitude/lstm32.json", overlays=[overlay], check=False)
    assert result.returncode != 0
    log = (directory / "results" / "logs" / "train" / "s2v_amplitude" / "lstm32.log").read_text()
    assert re.search(r"TrainingDiverged: s2v_amplitude/lstm32: training diverged at epoch \d+", log), log[-2000:]
    assert not (directory / "results" / "metrics").exists()
    assert not (directory / "results" / "models" / "s2v_amplitude" / "lstm32" / "model.keras").exists()


@pytest.mark.workflow
@pytest.mark.parametrize("victim,error", [
    ("results/datasets/s2v_amplitude/val.npz", "not a readable .npz file"),
    ("results/models/s2v_amplitude/lstm32/model.keras", "cannot load Keras model"),
])
def test_a_truncated_file_gives_an_error_naming_it(built_copy, victim, error):
    path = built_copy / victim
    path.write_bytes(path.read_bytes()[: len(path.read_bytes()) // 3])
    result = snakemake(built_copy, "results/predictions/s2v_amplitude/lstm32.npz", check=False)
    assert result.returncode != 0
    # the failed job's log, printed by the default profile's show-failed-logs
    assert re.search(rf"{re.escape(victim)}: {error}", result.stderr + result.stdout), result.stderr[-3000:]


def test_no_pickle_and_models_load_in_safe_mode():
    sources = {path: path.read_text() for path in [*PACKAGE.rglob("*.py"), *(REPO / "workflow" / "scripts").glob("*.py")]}
    keras_loads = []
    for path, text in sources.items():
        assert "allow_pickle=True" not in text, path
        assert not re.search(r"^\s*(import pickle|from pickle)", text, re.M), path
        keras_loads += [(path, call) for call in re.findall(r"keras\.(?:models|saving)\.load_model\([^)]*\)", text)]
    assert keras_loads and all("safe_mode=True" in call for _, call in keras_loads), keras_loads
    assert "allow_pickle=False" in sources[PACKAGE / "data" / "arrays.py"]
    assert "safe_mode=True" in sources[PACKAGE / "training" / "inference.py"]



@pytest.mark.workflow
def test_a_config_string_with_markup_or_code_is_escaped_in_html_and_data_in_notebooks(built_copy):
    """The title reaches the report and, through papermill, every notebook: as data."""
    evil = "<script>alert('x')</script> \"quoted\" & more\n\"\"\"\nopen('pwned', 'w')  # ''' \\"
    overlay = write_overlay(built_copy, yaml.safe_dump({"title": evil}))
    jobs = planned_jobs(built_copy, overlays=[overlay])
    assert {rule for rule, _ in jobs} == {"notebook", "report"}  # only these show the title
    snakemake(built_copy, overlays=[overlay])
    html = (built_copy / "results" / "report" / "index.html").read_text()
    assert "<script>" not in html
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &#34;quoted&#34; &amp; more" in html  # Jinja's autoescape
    assert not list(built_copy.rglob("pwned"))  # no notebook ran the string
    book = json.loads((built_copy / "results" / "notebooks" / "s2v_amplitude.ipynb").read_text())
    (injected,) = [c for c in book["cells"] if "injected-parameters" in c["metadata"].get("tags", [])]
    titles = [node.value for node in ast.parse("".join(injected["source"])).body if node.targets[0].id == "title"]
    assert [ast.literal_eval(value) for value in titles] == [evil]  # a literal equal to the config string
    notebook_html = (built_copy / "results" / "report" / "notebooks" / "s2v_amplitude.html").read_text()
    assert "<script>" not in notebook_html and "&lt;script&gt;alert(" in notebook_html
