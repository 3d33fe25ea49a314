"""Reconstructions, and the encoder's final hidden state twice: from Keras, and from the
NumPy forward pass on the trained weights (they must agree); and that of the same
encoder untrained (its initial weights drawn from the job's seed), the control of the
classification."""

import keras

from lstm_toys.training.inference import outputs_of
from lstm_toys.training.numpy_lstm import final_hidden_state
from .model import ENCODER, encoder


def predict(model, datasets: dict, spec: dict) -> dict:
    encode = encoder(model)
    kernel, recurrent_kernel, bias = model.get_layer(ENCODER).get_weights()
    gates = spec["model"]["recurrent_activation"]
    untrained = encoder(keras.models.clone_model(model))  # fresh weights, drawn from the seeded generator
    return {
        split: {
            "outputs": outputs_of(model, arrays["inputs"], batch_size=1000),
            "keras_features": outputs_of(encode, arrays["inputs"], batch_size=1000),
            "numpy_features": final_hidden_state(arrays["inputs"], kernel, recurrent_kernel, bias, gates),
            "untrained_features": outputs_of(untrained, arrays["inputs"], batch_size=1000),
        }
        for split, arrays in datasets.items()
    }
