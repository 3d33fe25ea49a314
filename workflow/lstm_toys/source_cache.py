"""What is made from the workflow's code alone (the config schema, the jobs' code
identities), kept between Snakemake starts for each content of that code.

Every Snakemake start (a dry run, each job of a cluster run) would otherwise make them
again. A file here is named by the digest of every file of the package and of the
rule scripts (and of the Python and pydantic that make them): an edit anywhere gives
a new name, so nothing stale is ever read. The folder belongs to the user alone.
"""

import functools
import hashlib
import json
import os
import sys
import tempfile
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
SOURCES = (PACKAGE_DIR, PACKAGE_DIR.parent / "scripts")


@functools.cache
def sources_digest() -> str:
    """SHA-256 of every file of ``SOURCES`` (its path and bytes), with the versions of
    Python and pydantic."""
    from importlib.metadata import version

    digest = hashlib.sha256(f"{sys.version}\0pydantic {version('pydantic')}".encode())
    for folder in SOURCES:
        for path in sorted(folder.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(f"\0{path.relative_to(folder.parent)}\0".encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


def path(name: str) -> Path | None:
    """Where ``name`` made from this content of the sources is kept, in a folder of the
    user's own; ``None`` where no such folder can be had (nothing is kept then)."""
    folder = Path(tempfile.gettempdir()) / f"lstm-toys-{os.getuid()}"
    try:
        folder.mkdir(mode=0o700, exist_ok=True)
        owned = folder.stat().st_uid == os.getuid() and not folder.is_symlink()
    except OSError:
        return None
    return folder / f"{name}-{sources_digest()[:16]}.json" if owned else None


def read(name: str):
    """What was kept under ``name`` for these sources, or ``None`` (never kept, or damaged)."""
    where = path(name)
    try:
        return json.loads(where.read_text(encoding="utf-8")) if where else None
    except (OSError, ValueError):
        return None


def keep(name: str, value) -> None:
    """Keep ``value`` (JSON) under ``name``, whole or not at all, whatever runs beside."""
    where = path(name)
    if where is None:
        return
    partial = where.with_suffix(f".{os.getpid()}.part")
    try:
        partial.write_text(json.dumps(value), encoding="utf-8")
        partial.replace(where)
    except OSError:
        partial.unlink(missing_ok=True)
