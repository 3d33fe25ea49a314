"""Stable per-job seeds derived from the one global seed."""

import hashlib


def derive_seed(global_seed: int, *parts: str) -> int:
    """A 31-bit seed from the global seed and the job's names.

    A hash rather than ``hash()``: Python salts ``hash`` per process, and the
    seed must be the same in every process and on every machine.
    """
    text = "/".join([str(global_seed), *map(str, parts)])
    digest = hashlib.sha256(text.encode()).digest()
    return int.from_bytes(digest[:4], "big") & 0x7FFFFFFF
