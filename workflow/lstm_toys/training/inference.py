"""Loading a trained model safely and running it on every split."""

from lstm_toys.training import runtime  # noqa: F401  (sets TensorFlow's environment before keras loads)

import keras  # noqa: E402


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
    return {split: {"outputs": model.predict(arrays["inputs"], verbose=0)} for split, arrays in datasets.items()}
