"""The source files a job runs, found by a static walk of its imports: a rule lists
them as inputs, so that editing one reruns that job and what follows, and nothing else.
"""

import ast
from functools import lru_cache
from pathlib import Path

from lstm_toys.registry import kind as kind_of

PACKAGE_DIR = Path(__file__).resolve().parent


def _module_file(name: str) -> Path | None:
    """The file of module ``lstm_toys.a.b`` (a module or a package), if it exists."""
    base = PACKAGE_DIR.joinpath(*name.split(".")[1:])
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


@lru_cache(maxsize=None)
def _imports(path: Path) -> frozenset:
    """The ``lstm_toys`` modules a source file imports, absolute or (inside the
    package) relative, including ``from module import name`` candidates. Cached: a
    module shared by many jobs' closures is parsed once."""
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
    return frozenset(name for name in found if name.startswith("lstm_toys"))


def source_closure(paths) -> set:
    """``paths`` and every ``lstm_toys`` module file they import, transitively."""
    todo, seen = [Path(p) for p in paths], set()
    while todo:
        path = todo.pop()
        if path not in seen:
            seen.add(path)
            todo += [f for f in map(_module_file, _imports(path)) if f is not None]
    return seen


def code_files(script: Path, kind: str | None = None, hooks: tuple = ()) -> list:
    """The source files a job runs: its script, the modules of the kind's ``hooks``
    it loads (by their entry-point references, at run time), and everything they
    import. Package ``__init__`` files are left out: they hold docstrings and the
    kinds' declarations, not code a job runs."""
    return list(_code_files(Path(script), kind, tuple(hooks)))


@lru_cache(maxsize=None)
def _code_files(script: Path, kind: str | None, hooks: tuple) -> tuple:
    # Cached: the DAG asks once per job, and parsing the sources is what costs
    # (2.8 of a no-op dry run's 3.3 s before this cache).
    roots = [script] + [kind_of(kind).source(hook) for hook in hooks]
    files = {path for path in source_closure(roots) if path.name != "__init__.py"}
    files |= {data for path in files for data in READ_AT_RUN_TIME.get(path, ())}
    return tuple(sorted(str(path) for path in files))


# Files a module reads at run time besides its imports: a job that runs the module
# lists them too, so that editing a template re-renders what it shapes.
PRESENTATION = PACKAGE_DIR / "presentation"
READ_AT_RUN_TIME = {PRESENTATION / "report.py": tuple(sorted((PRESENTATION / "templates").glob("*.j2")))}
