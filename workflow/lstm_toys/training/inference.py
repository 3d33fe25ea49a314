"""Loading a trained model safely and running it on every split."""

import functools

import numpy as np

from lstm_toys.training import runtime  # noqa: F401  (sets TensorFlow's environment before keras loads)

import keras  # noqa: E402
import tensorflow as tf  # noqa: E402


class ModelFileError(RuntimeError):
    """A model file is missing, truncated or not a Keras model."""


def load_model(path):
    """Load without compiling, in safe mode (no arbitrary code from the file)."""
    try:
        return keras.models.load_model(path, compile=False, safe_mode=True)
    except Exception as error:  # keras raises many types for a damaged archive
        raise ModelFileError(f"{path}: cannot load Keras model ({type(error).__name__}: {error})") from None


def predict(model, datasets: dict, spec: dict) -> dict:
    """The default prediction: the model's outputs for each split's inputs."""
    return {split: {"outputs": outputs_of(model, arrays["inputs"])} for split, arrays in datasets.items()}


def outputs_of(model, inputs: np.ndarray, batch_size: int = 32) -> np.ndarray:
    """``model.predict(inputs, batch_size=batch_size)``, the same batches and values,
    traced once per model. Keras traces its predict function for the first batch's
    shape, then again for any other (a shorter last batch, a smaller split): about a
    second each, half of a small predict job. This graph takes any batch size."""
    graph = _inference_graph(model)
    return np.concatenate([graph(inputs[start : start + batch_size]).numpy() for start in range(0, len(inputs), batch_size)])


@functools.cache  # one per model, for the job's life
def _inference_graph(model):
    signature = [tf.TensorSpec([None, *model.inputs[0].shape[1:]], model.inputs[0].dtype)]
    return tf.function(lambda batch: model(batch, training=False), input_signature=signature)
