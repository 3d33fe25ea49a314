"""A job's inputs, by name: the rules name each file ``<prefix>_<name>`` (a split, a
variant, a figure), so that a script never relies on their order or on a path's layout."""


def named(inputs, prefix: str) -> dict:
    """The inputs named ``<prefix>_<name>``, as ``{name: path}`` in input order."""
    start = len(prefix) + 1
    return {key[start:]: path for key, path in inputs.items() if key.startswith(prefix + "_")}
