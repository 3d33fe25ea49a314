"""A job's code identity (``lstm_toys.code_identity``) covers what the job runs: these tests
import what each job's script and hooks import, in a fresh process, and check that every
package module it loads is part of its identity, that a comment or docstring changes no
identity, and that only training and prediction load TensorFlow."""

import ast
import hashlib
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from lstm_toys import code_identity
from lstm_toys.code_identity import PACKAGE_DIR, parse, reach
from lstm_toys.registry import KINDS

from conftest import REPO
from source_edits import with_comment_and_docstrings

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
    "scorecard": ("write_scorecard.py", ()),
    "forecast": ("forecast_build.py", ()),
    "experiment_tables": ("write_tables.py", ()),
    "tables": ("join_tables.py", ()),
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


def loaded_in_one_process(cases: dict, tensorflow_first: bool) -> dict:
    """``loaded_in_fresh_process`` for many jobs in one process, which forgets the package's
    modules between cases, so that each case imports them afresh (a process costs its
    interpreter's start and the third-party imports). With ``tensorflow_first``, Keras and
    TensorFlow are imported once before (3 s a process)."""
    program = REPORT + ("import keras, tensorflow\n" if tensorflow_first else "") + f"""
results = {{}}
for case, modules in {cases!r}.items():
    for name in [name for name in sys.modules if name.startswith("lstm_toys")]:
        del sys.modules[name]
    results[case] = loaded(modules, tensorflow_before={tensorflow_first!r})
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
def loaded_by_jobs() -> dict:
    """``{"<rule>-<kind>": loaded}`` of every case: the TensorFlow jobs' in one process, the
    others' in another (in which TensorFlow shows up, should one of them import it)."""
    loaded = {}
    for tensorflow in (True, False):
        loaded |= loaded_in_one_process({f"{rule}-{kind}": job_modules(rule, kind) for rule, kind in CASES
                                         if (rule in TENSORFLOW_RULES) == tensorflow}, tensorflow_first=tensorflow)
    return loaded


def identity_symbols(rule, kind, plot=None) -> tuple:
    """The roots of a job's identity besides its script, as the rules give them."""
    if rule == "figure":
        draw = KINDS[kind].load("plots")[plot].draw
        return ((draw.__module__, draw.__name__),)
    return tuple(KINDS[kind].symbol(hook) for hook in RULES[rule][1]) if kind else ()


def reached_files(rule, kind, plot=None) -> set:
    return set(reach(RULES[rule][0], identity_symbols(rule, kind, plot)).files())


# Modules that hold a table of plots: a figure job imports its kind's, which defines
# every plot of the kind, and runs one of them.
PLOT_TABLES = {str(PACKAGE_DIR / "presentation" / "plots.py")} | {
    str(KINDS[kind].source("plots")) for kind in KINDS}


@pytest.mark.parametrize("rule,kind", CASES)
def test_a_jobs_identity_covers_every_module_it_runs(rule, kind, loaded_by_jobs):
    loaded = loaded_by_jobs[f"{rule}-{kind}"]
    modules = {f for f in loaded["files"] if not f.endswith("__init__.py")}
    plots = sorted(KINDS[kind].load("plots")) if rule == "figure" else [None]
    for plot in plots:
        reached = reached_files(rule, kind, plot)
        uncovered = modules - reached - (PLOT_TABLES if plot else set())
        assert not uncovered, f"{rule} ({kind}, {plot}) runs modules outside its identity: {sorted(uncovered)}"
        assert str(SCRIPTS / RULES[rule][0]) in reached
        assert str(PACKAGE_DIR / "registry.py") not in reached  # a new kind changes no job's identity
        if kind:  # nor does another kind
            assert not {f for f in reached if "/kinds/" in f and f"/kinds/{kind}/" not in f and not f.endswith("kinds/__init__.py")}, reached
    assert loaded["tensorflow"] == (rule in TENSORFLOW_RULES)


def test_every_rule_script_has_its_identity():
    rules = "".join(path.read_text() for path in (REPO / "workflow" / "rules").glob("*.smk"))
    assert sorted(set(re.findall(r'"\.\./scripts/(\w+\.py)"', rules))) == sorted(script for script, _ in RULES.values())
    for rule, (script, hooks) in RULES.items():  # each rule names the hooks its script loads
        if rule not in ("figure", "notebook"):  # these two have their own functions (common.smk)
            assert re.search(rf'code=code\("{script}"' + "".join(rf', "{hook}"' for hook in hooks) + r"\)", rules), script
    common = (REPO / "workflow" / "rules" / "common.smk").read_text()
    assert 'identity("plot_figure.py", (plot,))' in common and 'identity("run_notebook.py"' in common
    assert "code=figure_code" in rules and "code=notebook_code" in rules


def test_a_figures_identity_is_its_plot_not_the_others():
    plots = KINDS["seq2vec"].load("plots")
    identities = {name: code_identity.identity("plot_figure.py", identity_symbols("figure", "seq2vec", name))
                  for name in plots}
    assert len(set(identities.values())) == len(plots)
    text = reach("plot_figure.py", identity_symbols("figure", "seq2vec", "input_curves")).text()
    assert "'input_curves'" in text and "'loss_curves'" not in text and "'predicted_amplitude'" not in text


def test_the_report_and_notebooks_identities_hold_the_templates_that_shape_them():
    templates = sorted((PACKAGE_DIR / "presentation" / "templates").glob("*.j2"))
    assert len(templates) == 4
    report = reach("build_report.py").text()
    notebook = reach("run_notebook.py", (("lstm_toys.presentation.notebook", None), KINDS["echo"].symbol("story"))).text()
    for template in templates:
        assert template.read_text() in report and template.read_text() in notebook


def test_notebook_kernels_are_covered_and_load_no_tensorflow():
    loaded = loaded_in_fresh_process(["lstm_toys.presentation.notebook", *hook_modules("echo", ["story"])])
    reached = set(reach("run_notebook.py", (("lstm_toys.presentation.notebook", None), KINDS["echo"].symbol("story"))).files())
    assert {f for f in loaded["files"] if not f.endswith("__init__.py")} <= reached
    assert not loaded["tensorflow"]
    template = REPO / "workflow" / "notebooks" / "experiment.ipynb"
    assert "from lstm_toys.presentation import notebook" in template.read_text()


SOURCES = sorted([*PACKAGE_DIR.rglob("*.py"), *SCRIPTS.glob("*.py")])


@pytest.mark.parametrize("path", SOURCES, ids=lambda path: str(path.relative_to(REPO / "workflow")))
def test_a_comment_or_docstring_changes_no_statement_of_any_module(path, tmp_path):
    edited = tmp_path / path.name
    edited.write_text(with_comment_and_docstrings(path.read_text()))
    assert edited.read_text() != path.read_text()
    assert parse("m", edited).statements and list(map(ast.dump, parse("m", edited).statements)) == list(
        map(ast.dump, parse("m", path).statements))


def test_a_real_edit_changes_the_identity(tmp_path, monkeypatch):
    """The negative control of the test above: one changed constant changes a train job's identity."""
    symbols = identity_symbols("train", "seq2vec")
    before = reach("train.py", symbols).text()
    fit = PACKAGE_DIR / "training" / "fit.py"
    edited = tmp_path / "fit.py"
    edited.write_text(fit.read_text().replace('"sgd": keras.optimizers.SGD', '"sgd": keras.optimizers.Adagrad'))
    original = code_identity.module_path
    monkeypatch.setattr(code_identity, "module_path", lambda name: edited if name == "lstm_toys.training.fit"
                        else original(name))
    assert reach("train.py", symbols).text() != before


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


def test_identities_are_kept_per_content_of_the_sources_and_read_back(copied_sources, monkeypatch):
    """A Snakemake start reads the identities an earlier one made from the same sources;
    an edit anywhere in them (a comment, here) gives a new store, made afresh."""
    from lstm_toys import source_cache

    symbols = identity_symbols("train", "seq2vec")
    made = code_identity.identity("train.py", symbols)
    assert made == hashlib.sha256(reach("train.py", symbols).text().encode()).hexdigest()
    store = source_cache.path(code_identity.IDENTITIES)
    assert store.parent.stat().st_mode & 0o777 == 0o700 and json.loads(store.read_text()) == {
        json.dumps(["train.py", symbols]): made}

    copied_sources.new_start()  # reads what was kept, makes nothing
    monkeypatch.setattr(code_identity, "reach", lambda *_: pytest.fail("made again"))
    assert code_identity.identity("train.py", symbols) == made

    with open(copied_sources.root / "lstm_toys" / "training" / "fit.py", "a") as module:
        module.write("# a comment\n")
    copied_sources.new_start()
    assert source_cache.path(code_identity.IDENTITIES) != store
    with pytest.raises(pytest.fail.Exception, match="made again"):
        code_identity.identity("train.py", symbols)
