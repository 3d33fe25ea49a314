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


# jupyter_client picks a kernel's ports by binding and releasing them; a kernel started
# at the same moment by another notebook job can take one first, and this kernel then
# dies before it answers ("Address already in use"). Starting it again picks new ports.
KERNEL_PORT_RACE = "Kernel died before replying to kernel_info"


def run_with_fresh_kernel_on_port_race(run, logger, attempts: int = 3):
    """``run()``, started again (at most ``attempts`` times in all) when its kernel lost
    the port race; any other error, or the last attempt's, is raised."""
    for attempt in range(1, attempts + 1):
        try:
            return run()
        except RuntimeError as error:
            if KERNEL_PORT_RACE not in str(error) or attempt == attempts:
                raise
            logger.warning("the kernel lost a port to another kernel (attempt %d of %d); starting a new one",
                           attempt, attempts)
