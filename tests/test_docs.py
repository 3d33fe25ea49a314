"""No drift between the prose and the tree: every path and module name the Markdown files
and the config schema's descriptions name in backticks exists."""

import json
import re
from pathlib import Path

import pytest
import snakemake

from conftest import REPO

MARKDOWN = sorted(path for pattern in ("*.md", "docs/*.md", "config/*.md", "profiles/*.md", "tests/*.md",
                                       "benchmarks/*.md") for path in REPO.glob(pattern))
SUFFIXES = (".py", ".md", ".yaml", ".yml", ".smk", ".ipynb", ".j2", ".tsv", ".txt", ".sh", ".png", ".rst", ".cfg")
# where a name in the prose may be relative to: the checkout, the workflow, the package
ROOTS = ("", "workflow/", "workflow/lstm_toys/", "config/")
TRACKED = ("workflow", "tests", "benchmarks", "config", "docs", "profiles", "envs")  # where a bare file name may be
PRODUCED = ("results/", ".venv/", ".snakemake/", "report.zip", "snakemake-report")  # made by a run, not in git
BACKTICKED = re.compile(r"`([^`\s]+)`")


def named_files(text: str) -> list:
    """The backticked words that name a file or directory of the tree (a path with a slash or
    a file name with a known suffix), without what a run makes, options and patterns."""
    found = []
    for word in BACKTICKED.findall(text):
        word = word.rstrip(".,:;)")
        if word.startswith(PRODUCED) or "://" in word or word.startswith("-") or re.search(r"[\^$\\]", word):
            continue
        if "/" in word or word.endswith(SUFFIXES):
            found.append(word)
    return found


def exists(name: str) -> bool:
    """A name, relative to one of ``ROOTS`` (a placeholder such as ``<kind>`` or ``{figure}``
    stands for any one file or directory there), or a file of that name in the package."""
    if name.startswith("../shared/"):
        return (REPO.parent / name.removeprefix("../")).exists() or not (REPO.parent / "shared").exists()
    if name.startswith("snakemake/"):  # a file of Snakemake's own package
        return (Path(snakemake.__file__).parent.parent / name).exists()
    if (REPO / "config" / "experiments" / f"{name.split('/')[0]}.yaml").exists():
        return True  # <experiment>/<variant>: a model, as a claim's reference names it
    pattern = re.sub(r"<[^>]+>|\{[^}]+\}", "*", name.split(":")[0]).rstrip("/")
    if any(list(REPO.glob(root + pattern)) for root in ROOTS):
        return True
    return "/" not in pattern and any(any((REPO / folder).rglob(pattern)) for folder in TRACKED)


def named_modules(text: str) -> list:
    return [word for word in BACKTICKED.findall(text) if re.fullmatch(r"lstm_toys(\.[a-z_]+)+", word)]


def module_exists(name: str) -> bool:
    path = REPO / "workflow" / Path(*name.split("."))
    return path.with_suffix(".py").exists() or (path / "__init__.py").exists()


@pytest.mark.parametrize("document", MARKDOWN, ids=lambda path: str(path.relative_to(REPO)))
def test_every_file_and_module_a_document_names_exists(document):
    text = document.read_text(encoding="utf-8")
    missing = [name for name in named_files(text) if not exists(name)]
    missing += [name for name in named_modules(text) if not module_exists(name)]
    assert missing == [], f"{document.name} names what the tree does not hold"


def descriptions(schema) -> list:
    if isinstance(schema, dict):
        own = [schema["description"]] if isinstance(schema.get("description"), str) else []
        return own + [text for value in schema.values() for text in descriptions(value)]
    if isinstance(schema, list):
        return [text for value in schema for text in descriptions(value)]
    return []


def test_the_schemas_descriptions_name_only_files_and_modules_that_exist():
    schema = json.loads((REPO / "workflow" / "schemas" / "config.schema.json").read_text())
    texts = descriptions(schema)
    assert len(texts) > 50
    words = [word.strip(".,:;()'\"") for text in texts for word in text.split()]
    missing = [word for word in words if word.endswith(".py") and not exists(word)]
    missing += [word for text in texts for word in named_modules(text) if not module_exists(word)]
    assert missing == []


def test_the_drift_check_finds_a_missing_file_and_module():
    text = "see `workflow/lstm_toys/generators.py`, `lstm_toys.signals` and `results/report/index.html`"
    assert [name for name in named_files(text) if not exists(name)] == ["workflow/lstm_toys/generators.py"]
    assert [name for name in named_modules(text) if not module_exists(name)] == ["lstm_toys.signals"]
    assert exists("lstm_toys/kinds/<kind>/") and exists("config/experiments/<id>.yaml") and exists("code_identity.py")
