"""Whether a run is a preview: the settings in which its config is smaller than the
full one (``config/config.yaml`` with the experiments' files, no overlay): fewer
replicates, epochs, sequences, samples or cycles. A report built from such a config
says so before any verdict (the quick config checks the plumbing, not the claims)."""

SIZES = ("replicates", "epochs", "n", "samples", "cycles")


def smaller_numbers(run, full, path: str = "") -> list:
    """``(key path, run's value, full value)`` for every size key under ``run`` whose
    value is below ``full``'s at the same path."""
    if not isinstance(run, dict) or not isinstance(full, dict):
        return []
    found = []
    for key, value in run.items():
        where = f"{path}.{key}" if path else str(key)
        other = full.get(key)
        if key in SIZES and _number(value) is not None and _number(other) is not None:
            if _number(value) < _number(other):
                found.append((where, _number(value), _number(other)))
        else:
            found += smaller_numbers(value, other, where)
    return found


def _number(value):
    if isinstance(value, bool):
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def differences(run: dict, full: dict) -> list:
    """One line per setting smaller than the full config's, as ``key: run (full: value)``."""
    return [f"{where}: {value:g} (full: {other:g})" for where, value, other in smaller_numbers(run, full)]
