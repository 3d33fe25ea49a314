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

from lstm_toys.code_inputs import PACKAGE_DIR, code_files
from lstm_toys.registry import KINDS

from conftest import REPO

SCRIPTS = REPO / "workflow" / "scripts"
# rule -> its script, and the hooks of the experiment's kind that the job loads
RULES = {
    "dataset": ("make_dataset.py", ()),
    "train": ("train.py", ("build", "fit")),
    "predict": ("predict.py", ("build", "predict")),
    "metrics": ("compute_metrics.py", ("metrics",)),
    "figure": ("plot_figure.py", ("plots",)),
    "claims": ("assess_claims.py", ("claims",)),
    "claims_figure": ("plot_claims.py", ()),
    "notebook": ("run_notebook.py", ()),
    "report": ("build_report.py", ()),
    "animation_page": ("build_animation_page.py", ()),
}
TENSORFLOW_RULES = {"train", "predict"}


def imported_modules(script: Path) -> list:
    modules = []
    for node in ast.walk(ast.parse(script.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("lstm_toys"):
            modules += [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
        elif isinstance(node, ast.Import):
            modules += [alias.name for alias in node.names if alias.name.startswith("lstm_toys")]
    return modules


# Run in a fresh process: import ``modules`` as a job would, report the package's files
# that got loaded, and whether TensorFlow got loaded (or, where it was loaded before,
# whether one of the package's modules uses it).
REPORT = """
import importlib, json, sys, types
def loaded(modules, tensorflow_before=False):
    for name in modules:
        try:
            importlib.import_module(name)
        except ModuleNotFoundError:
            pass  # a name imported from a module, not a module
    package = [m for n, m in sys.modules.items() if n.startswith("lstm_toys") and m.__file__]
    uses = any(isinstance(value, types.ModuleType) and value.__name__.split(".")[0] in ("keras", "tensorflow")
               for m in package for value in vars(m).values())
    return {"files": sorted(m.__file__ for m in package),
            "tensorflow": uses if tensorflow_before else "tensorflow" in sys.modules or "keras" in sys.modules}
"""


def loaded_in_fresh_process(modules: list) -> dict:
    program = REPORT + f"print(json.dumps(loaded({modules!r})))"
    result = subprocess.run([sys.executable, "-c", program], cwd=REPO / "workflow", capture_output=True, text=True, check=True)
    return json.loads(result.stdout.splitlines()[-1])


def loaded_after_tensorflow(cases: dict) -> dict:
    """``loaded_in_fresh_process`` for many TensorFlow jobs in one process, which
    imports Keras and TensorFlow once (3 s a process) and forgets the package's
    modules between cases, so that each case imports them afresh."""
    program = REPORT + f"""
import keras, tensorflow
results = {{}}
for case, modules in {cases!r}.items():
    for name in [name for name in sys.modules if name.startswith("lstm_toys")]:
        del sys.modules[name]
    results[case] = loaded(modules, tensorflow_before=True)
print(json.dumps(results))
"""
    result = subprocess.run([sys.executable, "-c", program], cwd=REPO / "workflow", capture_output=True, text=True, check=True)
    return json.loads(result.stdout.splitlines()[-1])


CASES = [(rule, kind) for rule, (_, hooks) in RULES.items() for kind in (sorted(KINDS) if hooks else [None])]
# the dataset, claims figure, notebook and report jobs load no hook of a kind


def hook_modules(kind, hooks) -> list:
    return [KINDS[kind].entry_point(hook).module for hook in hooks]


def job_modules(rule, kind) -> list:
    script_name, hooks = RULES[rule]
    return imported_modules(SCRIPTS / script_name) + (hook_modules(kind, hooks) if kind else [])


@pytest.fixture(scope="module")
def tensorflow_jobs() -> dict:
    return loaded_after_tensorflow({f"{rule}-{kind}": job_modules(rule, kind) for rule, kind in CASES
                                    if rule in TENSORFLOW_RULES})


@pytest.mark.parametrize("rule,kind", CASES)
def test_rule_inputs_list_every_module_the_job_runs(rule, kind, tensorflow_jobs):
    script_name, hooks = RULES[rule]
    script = SCRIPTS / script_name
    if rule in TENSORFLOW_RULES:
        loaded = tensorflow_jobs[f"{rule}-{kind}"]
    else:
        loaded = loaded_in_fresh_process(job_modules(rule, kind))
    declared = set(code_files(script, kind, hooks))
    undeclared = {f for f in loaded["files"] if not f.endswith("__init__.py")} - declared
    assert not undeclared, f"{rule} runs modules its rule does not list: {sorted(undeclared)}"
    assert str(script) in declared
    assert all(Path(f).is_relative_to(PACKAGE_DIR) for f in declared - {str(script)})
    assert loaded["tensorflow"] == (rule in TENSORFLOW_RULES)


def test_every_rule_script_is_covered():
    rules = "".join(path.read_text() for path in (REPO / "workflow" / "rules").glob("*.smk"))
    assert sorted(set(re.findall(r'"\.\./scripts/(\w+\.py)"', rules))) == sorted(script for script, _ in RULES.values())
    for script, hooks in RULES.values():  # each rule lists the hooks its script loads
        assert re.search(rf'code\("{script}"' + "".join(rf', "{hook}"' for hook in hooks) + r"\)", rules), script


def test_the_report_and_notebooks_list_the_templates_that_shape_them():
    templates = {str(path) for path in (PACKAGE_DIR / "presentation" / "templates").glob("*.j2")}
    assert len(templates) == 4
    assert templates <= set(code_files(SCRIPTS / "build_report.py"))
    assert templates <= set(code_files(PACKAGE_DIR / "presentation" / "notebook.py", "echo", ("story",)))


def test_notebook_kernels_list_their_modules_and_load_no_tensorflow():
    loaded = loaded_in_fresh_process(["lstm_toys.presentation.notebook", *hook_modules("echo", ["story"])])
    declared = set(code_files(PACKAGE_DIR / "presentation" / "notebook.py", "echo", ("story",)))
    assert {f for f in loaded["files"] if not f.endswith("__init__.py")} <= declared
    assert not loaded["tensorflow"]
    template = REPO / "workflow" / "notebooks" / "experiment.ipynb"
    assert "from lstm_toys.presentation import notebook" in template.read_text()


def test_train_and_predict_jobs_run_without_the_packages_they_skip():
    """Their scripts mark scikit-learn, pandas and matplotlib absent before Keras loads
    (a third of TensorFlow's start-up): nothing they import may need them."""
    modules = [name for rule in TENSORFLOW_RULES for name in imported_modules(SCRIPTS / RULES[rule][0])]
    modules += [name for rule in TENSORFLOW_RULES for kind in sorted(KINDS) for name in hook_modules(kind, RULES[rule][1])]
    program = f"""
import importlib
from lstm_toys.training import runtime
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
    scripts = [(SCRIPTS / RULES[rule][0]).read_text() for rule in TENSORFLOW_RULES]
    assert all(s.index("runtime.skip_unused_imports()") < s.index("runtime.configure(") for s in scripts)
