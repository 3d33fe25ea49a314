"""A rule lists the source modules its job runs as inputs, so that editing one reruns
that job. These tests import what each job's script imports, in a fresh process,
and check the list is complete, and that only training and prediction load TensorFlow."""

import ast
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from lstm_toys.registry import FAMILIES, PACKAGE_DIR, code_files, module_path

from conftest import REPO

SCRIPTS = REPO / "workflow" / "scripts"
# step -> the script of its rule
STEP_SCRIPTS = {
    "dataset": "make_dataset.py",
    "model": "train.py",
    "predict": "predict.py",
    "metrics": "compute_metrics.py",
    "figures": "plot_figure.py",
    "claims": "assess_claims.py",
    "notebook": "run_notebook.py",
    "report": "build_report.py",
}
TENSORFLOW_STEPS = {"model", "predict"}


def imported_modules(script: Path) -> list:
    modules = []
    for node in ast.walk(ast.parse(script.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("lstm_toys"):
            modules += [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
        elif isinstance(node, ast.Import):
            modules += [alias.name for alias in node.names if alias.name.startswith("lstm_toys")]
    return modules


def loaded_in_fresh_process(modules: list) -> dict:
    program = f"""
import importlib, json, sys
for name in {modules!r}:
    try:
        importlib.import_module(name)
    except ModuleNotFoundError:
        pass  # a name imported from a module, not a module
print(json.dumps({{"files": sorted(m.__file__ for n, m in sys.modules.items() if n.startswith("lstm_toys") and m.__file__),
                  "tensorflow": "tensorflow" in sys.modules or "keras" in sys.modules}}))
"""
    result = subprocess.run([sys.executable, "-c", program], cwd=REPO / "workflow", capture_output=True, text=True, check=True)
    return json.loads(result.stdout.splitlines()[-1])


CASES = [(step, kind) for step in STEP_SCRIPTS for kind in ([None] if step in ("dataset", "notebook", "report") else sorted(FAMILIES))]
# the dataset, notebook and report steps are not family steps: ``code_files`` takes no module for them


@pytest.mark.parametrize("step,kind", CASES)
def test_rule_inputs_list_every_module_the_job_runs(step, kind):
    modules = imported_modules(SCRIPTS / STEP_SCRIPTS[step])
    if kind is not None:
        modules.append(getattr(FAMILIES[kind], step))
    loaded = loaded_in_fresh_process(modules)
    script = SCRIPTS / STEP_SCRIPTS[step]
    declared = set(code_files(script, step, kind))
    undeclared = {f for f in loaded["files"] if not f.endswith("__init__.py")} - declared
    assert not undeclared, f"{step} runs modules its rule does not list: {sorted(undeclared)}"
    assert str(script) in declared
    assert all(Path(f).is_relative_to(PACKAGE_DIR) for f in declared - {str(script)})
    assert loaded["tensorflow"] == (step in TENSORFLOW_STEPS)


def test_every_rule_script_is_covered():
    rules = "".join(path.read_text() for path in (REPO / "workflow" / "rules").glob("*.smk"))
    assert sorted(set(re.findall(r'"\.\./scripts/(\w+\.py)"', rules))) == sorted(STEP_SCRIPTS.values())


def test_notebook_kernels_list_their_modules_and_load_no_tensorflow():
    loaded = loaded_in_fresh_process(["lstm_toys.notebook"])  # what the templates import
    declared = set(code_files(module_path("lstm_toys.notebook")))
    assert {f for f in loaded["files"] if not f.endswith("__init__.py")} <= declared
    assert not loaded["tensorflow"]
    templates = (REPO / "workflow" / "notebooks").glob("*.ipynb")
    assert all("from lstm_toys import notebook" in path.read_text() for path in templates)


def test_train_and_predict_jobs_run_without_the_packages_they_skip():
    """Their scripts mark scikit-learn, pandas and matplotlib absent before Keras loads
    (a third of TensorFlow's start-up): nothing they import may need them."""
    modules = [name for step in TENSORFLOW_STEPS for name in imported_modules(SCRIPTS / STEP_SCRIPTS[step])]
    modules += [getattr(FAMILIES[kind], step) for step in TENSORFLOW_STEPS for kind in sorted(FAMILIES)]
    program = f"""
import importlib
from lstm_toys import runtime
runtime.skip_unused_imports()
import keras
for name in {modules!r}:
    try:
        importlib.import_module(name)
    except ModuleNotFoundError as error:
        if error.name.split(".")[0] in runtime.UNUSED_BY_KERAS_JOBS:
            raise
"""
    subprocess.run([sys.executable, "-c", program], cwd=REPO / "workflow", check=True)
    scripts = [(SCRIPTS / STEP_SCRIPTS[step]).read_text() for step in TENSORFLOW_STEPS]
    assert all(s.index("runtime.skip_unused_imports()") < s.index("runtime.configure(") for s in scripts)
