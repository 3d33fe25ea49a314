"""What a job runs, by content: the definitions it can reach, as syntax trees.

A job's code identity is one sha256 over the top-level statements of the package that
its roots can reach (its script, whole; the hooks of its own kind it loads; for a
figure, its plot's function), each dumped from its syntax tree without docstrings,
line numbers or comments. A rule puts it in ``params:``, and Snakemake's params
trigger does the rest: an edit that changes what a job runs reruns that job and what
follows; a comment, a docstring, formatting, another kind or another plot does not.

Reaching is by name, statement by statement: a statement reaches the top-level
statements of its module that bind a name it uses, and through ``from m import name``
the statements of ``m`` that bind ``name``; a whole module when a module itself is
imported or named. A module reached at all also brings its effect statements (those
that bind no name, such as setting an environment variable) and its packages'.
"""

import ast
import hashlib
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from lstm_toys import source_cache

PACKAGE = "lstm_toys"
PACKAGE_DIR = Path(__file__).resolve().parent
SCRIPTS_DIR = PACKAGE_DIR.parent / "scripts"

# Files a definition reads at run time besides its imports: their bytes count too.
TEMPLATES = PACKAGE_DIR / "presentation" / "templates"
READS = {("lstm_toys.presentation.report", "environment"): TEMPLATES}

WHOLE = None  # a root that is a whole module


@dataclass(frozen=True)
class Module:
    name: str
    path: Path
    statements: tuple  # top-level statements, docstrings removed
    dumps: tuple  # each statement's syntax tree as text (no positions): what the identity hashes
    uses: tuple  # the names each statement uses
    binders: dict  # {name: (index of each statement that binds it)}
    effects: tuple  # indices of the statements that bind no name
    imported: dict  # {name: (module, attribute or None for the module itself)}


def module_path(name: str) -> Path | None:
    """The file of ``lstm_toys.a.b`` (a module or a package), if it exists."""
    base = PACKAGE_DIR.joinpath(*name.split(".")[1:])
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def is_module(name: str) -> bool:
    return name.split(".")[0] == PACKAGE and module_path(name) is not None


def without_docstrings(tree: ast.AST) -> ast.AST:
    """``tree`` without string-constant expression statements (docstrings and other
    no-op strings), in every body."""
    for node in ast.walk(tree):
        for field in ("body", "orelse", "finalbody"):
            body = getattr(node, field, None)
            if isinstance(body, list):
                kept = [s for s in body if not (isinstance(s, ast.Expr) and isinstance(s.value, ast.Constant)
                                                and isinstance(s.value.value, str))]
                body[:] = kept or ([ast.Pass()] if field == "body" and body else [])
    return tree


def _absolute(module_name: str, is_package: bool, node: ast.ImportFrom) -> str:
    """The absolute module name of a ``from ... import`` inside ``module_name``."""
    if not node.level:
        return node.module
    parts = module_name.split(".")
    base = parts if is_package else parts[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def _bound_names(statement: ast.stmt) -> list:
    if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return [statement.name]
    targets = {ast.Assign: lambda s: s.targets, ast.AnnAssign: lambda s: [s.target]}.get(type(statement))
    if targets is None:
        return []
    names = [t.id for target in targets(statement) for t in ast.walk(target) if isinstance(t, ast.Name)]
    simple = all(isinstance(target, (ast.Name, ast.Tuple, ast.List)) for target in targets(statement))
    return names if simple else []


def _imports(name: str, path: Path, statement) -> dict:
    """``{bound name: (module, attribute or None for the module itself)}`` of one import."""
    found = {}
    for alias in statement.names:
        if isinstance(statement, ast.Import):  # ``import a.b`` binds ``a`` and runs ``a.b``
            found[alias.asname or alias.name.split(".")[0]] = (alias.name, None)
        else:
            source = _absolute(name, path.name == "__init__.py", statement)
            whole = f"{source}.{alias.name}"
            found[alias.asname or alias.name] = (whole, None) if is_module(whole) else (source, alias.name)
    return found


@cache
def parse(name: str, path: Path) -> Module:
    tree = without_docstrings(ast.parse(path.read_text(encoding="utf-8")))
    binders, effects, imported = {}, [], {}
    for index, statement in enumerate(tree.body):
        if isinstance(statement, (ast.Import, ast.ImportFrom)):
            found = _imports(name, path, statement)
            imported.update(found)
            if any(attribute is None and is_module(source) for source, attribute in found.values()):
                effects.append(index)  # importing one of the package's modules runs it
            continue
        names = _bound_names(statement)
        for bound in names:
            binders.setdefault(bound, []).append(index)
        if not names:
            effects.append(index)
    # each statement dumped and walked once here, not once per job that reaches it
    return Module(name, path, tuple(tree.body), tuple(map(ast.dump, tree.body)), tuple(map(_used_names, tree.body)),
                  {k: tuple(v) for k, v in binders.items()}, tuple(effects), imported)


def module(name: str) -> Module:
    return parse(name, module_path(name))


def _used_names(statement: ast.stmt) -> frozenset:
    return frozenset(node.id for node in ast.walk(statement) if isinstance(node, ast.Name))


class Reach:
    """The statements reachable from some roots: ``{module name: {statement index}}``."""

    def __init__(self):
        self.statements, self.modules = {}, {}

    def add_module(self, name: str, whole: bool) -> None:
        """Load a module as Python does: its packages first, then its effects, and every
        package module its imports run (their effects); all of it if ``whole``."""
        if name not in self.modules:
            self.modules[name] = module(name)
            parts = name.split(".")
            for depth in range(1, len(parts)):
                self.add_module(".".join(parts[:depth]), whole=False)
            self.load(name)
        if whole:
            for index in range(len(self.modules[name].statements)):
                self.add_statement(name, index)

    def load(self, name: str) -> None:
        for index in self.modules[name].effects:
            self.add_statement(name, index)
        for source, _ in set(self.modules[name].imported.values()):
            if source.split(".")[0] == PACKAGE:
                self.add_module(source, whole=False)

    def add_symbol(self, name: str, symbol: str) -> None:
        self.add_module(name, whole=False)
        found = self.modules[name]
        for index in found.binders.get(symbol, ()):
            self.add_statement(name, index)
        if symbol in found.imported:
            self.follow(found.imported[symbol])

    def add_statement(self, name: str, index: int) -> None:
        done = self.statements.setdefault(name, set())
        if index in done:
            return
        done.add(index)
        found = self.modules[name]
        for used in found.uses[index]:
            if used in found.binders:
                for binder in found.binders[used]:
                    self.add_statement(name, binder)
            if used in found.imported:
                self.follow(found.imported[used])

    def follow(self, target: tuple) -> None:
        source, attribute = target
        if source.split(".")[0] != PACKAGE:
            return  # another package: its version is pinned
        if attribute is None:
            self.add_module(source, whole=True)
        else:
            self.add_symbol(source, attribute)

    def text(self) -> str:
        """The reached statements, module by module in name order, in file order."""
        parts = []
        for name in sorted(self.statements):
            found = self.modules[name]
            parts += [f"# {name}"] + [found.dumps[i] for i in sorted(self.statements[name])]
            for (reader, symbol), folder in READS.items():
                if reader == name and any(symbol in _bound_names(found.statements[i]) for i in self.statements[name]):
                    parts += [f"# {path.name}\n{path.read_text(encoding='utf-8')}" for path in sorted(folder.glob("*"))]
        return "\n".join(parts)

    def files(self) -> list:
        """Every file the job loads: the ones it runs statements of, and the ones only imported."""
        return sorted(str(found.path) for found in self.modules.values())


SCRIPT_PREFIX = "script"


def _script_module(script: str) -> str:
    """A script as a pseudo-module of the package's parse cache (not importable)."""
    return f"{SCRIPT_PREFIX}:{script}"


def reach(script: str, symbols=()) -> Reach:
    """What a job reaches from ``workflow/scripts/<script>`` (whole) and ``symbols``,
    each ``(module, attribute)``."""
    found = Reach()
    name = _script_module(script)
    found.modules[name] = parse(name, SCRIPTS_DIR / script)
    found.load(name)
    for index in range(len(found.modules[name].statements)):
        found.add_statement(name, index)
    for source, attribute in symbols:
        found.follow((source, attribute))
    return found


IDENTITIES = "code-identities"  # the name they are kept under (``source_cache``)


def identity(script: str, symbols: tuple = ()) -> str:
    """The code identity of a job: sha256 of what it reaches (see the module's text);
    kept for each content of the sources (``source_cache``), which is all it depends on."""
    known = _identities()
    key = json.dumps([script, symbols])
    if key not in known:
        known[key] = hashlib.sha256(reach(script, symbols).text().encode()).hexdigest()
        source_cache.keep(IDENTITIES, known)
    return known[key]


@cache
def _identities() -> dict:
    """``{json [script, symbols]: identity}``, as kept by earlier starts (filled in as they come)."""
    return source_cache.read(IDENTITIES) or {}
