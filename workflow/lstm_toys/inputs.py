"""A job's inputs, by name: the rules name each file ``<prefix>_<name>`` (a split, a
variant, a figure), so that a script never relies on their order or on a path's layout."""

import re


def named(inputs, prefix: str) -> dict:
    """The inputs named ``<prefix>_<name>``, as ``{name: path}`` in input order."""
    start = len(prefix) + 1
    return {key[start:]: path for key, path in inputs.items() if key.startswith(prefix + "_")}


def by_replicate(inputs, what: str) -> list:
    """The inputs named ``r<k>_<what>_<name>``, as ``[{name: path}]`` in replicate
    order (k = 0, 1, ...); empty when there are none."""
    found = {}
    for key, path in inputs.items():
        match = re.fullmatch(rf"r(\d+)_{re.escape(what)}_(.+)", key)
        if match:
            found.setdefault(int(match[1]), {})[match[2]] = path
    if sorted(found) != list(range(len(found))):
        raise ValueError(f"the {what} inputs of replicates {sorted(found)} skip a replicate")
    return [found[k] for k in range(len(found))]
