"""Where a report comes from: the code's git commit, the package versions, a hash
of the effective config, and the date."""

import subprocess
from datetime import datetime, timezone
from importlib import metadata
from platform import python_version

PACKAGES = (
    "tensorflow-cpu", "keras", "numpy", "pandas", "matplotlib", "scikit-learn",
    "snakemake", "papermill", "nbconvert", "Jinja2",
)


def _git(*args) -> str:
    return subprocess.run(["git", *args], capture_output=True, text=True, check=True).stdout.strip()


def git_commit() -> str:
    """The checkout's commit (of the working directory), marked if it has local edits."""
    try:
        commit = _git("rev-parse", "HEAD")
        edited = _git("status", "--porcelain", "--untracked-files=no")
    except (OSError, subprocess.CalledProcessError):
        return "unknown (not a git checkout)"
    return f"{commit} (with uncommitted changes)" if edited else commit


def package_versions(names=PACKAGES) -> dict:
    versions = {}
    for name in names:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "not installed"
    return versions


def provenance(config_sha256: str) -> dict:
    return {
        "git commit": git_commit(),
        "config sha256": config_sha256,
        "date (UTC)": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M:%S"),
        "python": python_version(),
        **package_versions(),
    }
