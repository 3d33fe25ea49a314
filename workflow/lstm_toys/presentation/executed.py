"""Executed notebooks made byte-reproducible.

Papermill and the kernel client stamp start and end times and durations into
the notebook and every cell, and papermill gives the cell of injected parameters
a random id; with those removed or fixed, two runs of the same inputs give the
same file.
"""

import json

RUN_KEYS = ("start_time", "end_time", "duration")
INJECTED = "injected-parameters"


def strip_run_metadata(notebook: dict) -> dict:
    for metadata in [notebook["metadata"], *(cell["metadata"] for cell in notebook["cells"])]:
        metadata.pop("execution", None)
        for key in RUN_KEYS:
            metadata.get("papermill", {}).pop(key, None)
    for cell in notebook["cells"]:
        if INJECTED in cell["metadata"].get("tags", []):
            cell["id"] = INJECTED
    return notebook


def strip_file(path: str) -> None:
    """Rewrite the executed notebook at ``path`` without its run's timestamps."""
    with open(path, encoding="utf-8") as handle:
        notebook = strip_run_metadata(json.load(handle))
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(notebook, handle, indent=1, sort_keys=True, ensure_ascii=False)
        handle.write("\n")

