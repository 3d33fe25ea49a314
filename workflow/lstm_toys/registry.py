"""The experiment kinds, listed once: each is a package under ``kinds/`` whose
``KIND`` (a ``kind.Kind``) names its hooks. Adding a kind is its package and one
line here; no rule, schema, notebook or caption changes. The config check reads
this list; a job loads its own kind alone (``kind.load_kind``).
"""

from lstm_toys.kind import load_kind

NAMES = (
    "seq2seq",
    "seq2vec",
    "autoencoder",
    "next_step",
    "cond_ae",
    "echo",
)
KINDS = {name: load_kind(name) for name in NAMES}


def kind(name: str):
    """The ``Kind`` called ``name``; a ``KeyError`` naming the known ones otherwise."""
    try:
        return KINDS[name]
    except KeyError:
        raise KeyError(f"unknown experiment kind {name!r}; known: {', '.join(sorted(KINDS))}") from None
