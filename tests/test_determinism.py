"""Two clean runs of the quick config give identical bytes.

The second run is this module's own, and it asks for the shared quick build only
when it is done: under ``make test`` (xdist, see ``conftest.py``) the two builds run
side by side on two workers.
"""

import pytest
import yaml

from conftest import REPO, copy_workflow, snakemake, tree_hashes

CONFIG = yaml.safe_load((REPO / "config" / "config.yaml").read_text())

pytestmark = pytest.mark.workflow


def test_two_clean_runs_give_identical_bytes(request, tmp_path):
    second = copy_workflow(tmp_path / "second")
    snakemake(second)
    # asked for after the second run, so that under xdist the two builds run side by side
    quick_tree = request.getfixturevalue("quick_tree")
    first_hashes, second_hashes = tree_hashes(quick_tree), tree_hashes(second)
    results = quick_tree / "results"
    # every dataset, prediction, metrics, figure, claims and notebook file of the run is compared
    assert len(first_hashes) == sum(1 for f in results.rglob("*") if f.suffix in (".npz", ".json", ".png", ".gif", ".ipynb")) + len(
        list(results.glob("report/notebooks/*.html"))) + len(list(results.glob("figures/*/*.gif.html")))
    configured = CONFIG["experiments"]
    assert len([name for name in first_hashes if name.startswith("figures/") and not name.endswith(".html")]) == sum(
        len(block["figures"]) for block in configured.values()
    )
    assert first_hashes == second_hashes
