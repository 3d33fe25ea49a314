"""The one registry: an experiment ``kind`` names the modules that serve each step.

Adding a kind is one entry here plus its modules; the rules never change.
Modules are named, not imported, so that reading the registry costs nothing:
a job imports only the module of its own step, and a rule lists that module's
file as an input, so that editing it reruns that step and what follows.
"""

import ast
from dataclasses import dataclass, fields
from functools import lru_cache
from importlib import import_module
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Family:
    """The module of each step for one experiment kind."""

    model: str  # build(model_spec, input_shape, target_shape) -> keras.Model     (TensorFlow)
    metrics: str  # compute(spec, datasets, predictions) -> {split: {name: value}}  (NumPy)
    figures: str  # PLOTS: {name: plot(data, options) -> Figure}                    (matplotlib)
    claims: str  # CLAIMS: {name: verdicts.Claim}                                  (NumPy)
    predict: str = "lstm_toys.inference"  # predict(model, datasets) -> {split: {name: array}}

    def module(self, step: str):
        return import_module(getattr(self, step))

    def module_path(self, step: str) -> Path:
        return module_path(getattr(self, step))


STEPS = tuple(field.name for field in fields(Family))


def module_path(module_name: str) -> Path:
    """The source file of a ``lstm_toys`` module, without importing it."""
    parts = module_name.split(".")[1:]
    return PACKAGE_DIR.joinpath(*parts).with_suffix(".py")


def _family(name: str, own_predict: bool = True, own_figures: bool = True) -> Family:
    """The modules of ``families/<name>/``; a kind without its own ``predict`` uses the
    model's outputs (``inference``), one without its own figures the shared ``plots``."""
    package = f"lstm_toys.families.{name}"
    return Family(
        model=f"{package}.model",
        metrics=f"{package}.metrics",
        figures=f"{package}.figures" if own_figures else "lstm_toys.plots",
        claims=f"{package}.claims",
        predict=f"{package}.predict" if own_predict else "lstm_toys.inference",
    )


FAMILIES = {
    "seq2seq": _family("seq2seq", own_predict=False, own_figures=False),
    "seq2vec": _family("seq2vec", own_predict=False),
    "autoencoder": _family("autoencoder", own_figures=False),
    "next_step": _family("next_step"),
    "cond_ae": _family("cond_ae"),
    "echo": _family("echo"),
}


def family(kind: str) -> Family:
    try:
        return FAMILIES[kind]
    except KeyError:
        raise KeyError(f"unknown experiment kind {kind!r}; known: {', '.join(sorted(FAMILIES))}") from None


def _module_file(name: str) -> Path | None:
    """The file of module ``lstm_toys.a.b`` (a module or a package), if it exists."""
    base = PACKAGE_DIR.joinpath(*name.split(".")[1:])
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def _imports(path: Path) -> set:
    """The ``lstm_toys`` modules a source file imports, absolute or (inside the
    package) relative, including ``from module import name`` candidates."""
    inside = path.is_relative_to(PACKAGE_DIR)
    package = ["lstm_toys", *path.relative_to(PACKAGE_DIR).with_suffix("").parts] if inside else []
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            parent = package[: len(package) - node.level] if node.level else []
            base = ".".join(parent + ([node.module] if node.module else []))
            found |= {base} | {f"{base}.{alias.name}" for alias in node.names}
    return {name for name in found if name.startswith("lstm_toys")}


def source_closure(paths) -> set:
    """``paths`` and every ``lstm_toys`` module file they import, transitively."""
    todo, seen = [Path(p) for p in paths], set()
    while todo:
        path = todo.pop()
        if path not in seen:
            seen.add(path)
            todo += [f for f in map(_module_file, _imports(path)) if f is not None]
    return seen


def code_files(script: Path, step: str | None = None, kind: str | None = None) -> list:
    """The source files a job runs: its script, the module of its ``step`` for the
    experiment's ``kind`` (imported by name at run time), and everything they import.
    Package ``__init__`` files are left out: they hold no code, only docstrings."""
    return list(_code_files(Path(script), step, kind))


@lru_cache(maxsize=None)
def _code_files(script: Path, step: str | None, kind: str | None) -> tuple:
    # Cached: the DAG asks once per job, and parsing the sources is what costs
    # (2.8 of a no-op dry run's 3.3 s before this cache).
    roots = [script]
    if kind is not None and step in STEPS:
        roots.append(family(kind).module_path(step))
    files = {path for path in source_closure(roots) if path.name != "__init__.py"}
    files |= {data for path in files for data in READ_AT_RUN_TIME.get(path, ())}
    return tuple(sorted(str(path) for path in files))


# Files a module reads at run time besides its imports: a job that runs the module
# lists them too, so that editing a template re-renders what it shapes.
READ_AT_RUN_TIME = {PACKAGE_DIR / "report.py": tuple(sorted((PACKAGE_DIR / "templates").glob("*.j2")))}
