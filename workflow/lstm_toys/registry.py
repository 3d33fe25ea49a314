"""The experiment kinds, listed once: each is a package under ``kinds/`` whose
``KIND`` (a ``kind.Kind``) names its hooks. Adding a kind is its package and one
line here; no rule, schema, notebook or caption changes.
"""

from lstm_toys.kinds import autoencoder, cond_ae, echo, next_step, seq2seq, seq2vec

KINDS = {module.KIND.name: module.KIND for module in (seq2seq, seq2vec, autoencoder, next_step, cond_ae, echo)}


def kind(name: str):
    """The ``Kind`` called ``name``; a ``KeyError`` naming the known ones otherwise."""
    try:
        return KINDS[name]
    except KeyError:
        raise KeyError(f"unknown experiment kind {name!r}; known: {', '.join(sorted(KINDS))}") from None
