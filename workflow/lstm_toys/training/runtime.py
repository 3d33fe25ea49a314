"""TensorFlow set-up for the jobs that train or predict: quiet, repeatable, sized.

Import this module before TensorFlow. It fixes the environment variables that
change TensorFlow's numerics (oneDNN on or off gives different, each
repeatable, weights) and silences its start-up chatter.
"""

import gc
import os
import sys

os.environ["TF_ENABLE_ONEDNN_OPTS"] = "0"
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")


# Packages Keras imports at start-up only for features a train or predict job never
# uses: scikit-learn (with SciPy) for its wrappers, pandas for DataFrame inputs,
# matplotlib for image galleries. Each import is optional in Keras (try/except).
UNUSED_BY_KERAS_JOBS = ("sklearn", "pandas", "matplotlib")


def skip_unused_imports() -> None:
    """For a train or predict job's process only, before Keras loads: mark the
    packages above absent. This saves 1.7 s of CPU per job, over a third of
    TensorFlow's start-up; they cannot be imported in that process afterwards."""
    for name in UNUSED_BY_KERAS_JOBS:
        sys.modules.setdefault(name, None)


def configure(threads: int, seed: int):
    """Seed every generator, make ops deterministic, use ``threads`` CPU threads."""
    import_without_collection()
    import keras
    import tensorflow as tf

    tf.config.threading.set_intra_op_parallelism_threads(threads)
    tf.config.threading.set_inter_op_parallelism_threads(threads)
    keras.utils.set_random_seed(seed)
    tf.config.experimental.enable_op_determinism()
    return tf


def import_without_collection() -> None:
    """Import TensorFlow and Keras with the garbage collector off, then freeze what
    they made. Their import creates about half a million Python objects that live
    as long as the process; the collector's full passes over them (during the import
    and once more at interpreter exit) cost 1 to 1.5 s per job and free
    nothing. Frozen objects are left out of every later pass; newer ones are still
    collected as usual."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        import keras  # noqa: F401
        import tensorflow  # noqa: F401
    finally:
        gc.freeze()
        if collecting:
            gc.enable()


def describe_threads() -> str:
    import tensorflow as tf

    intra = tf.config.threading.get_intra_op_parallelism_threads()
    inter = tf.config.threading.get_inter_op_parallelism_threads()
    return f"TensorFlow threads: intra-op {intra}, inter-op {inter}"
