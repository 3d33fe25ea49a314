"""An LSTM forward pass in NumPy, written from the gate equations (no Keras, no
TensorFlow), to read an encoder's final hidden state from its trained weights.

Keras stores one kernel ``W`` (inputs x 4u), one recurrent kernel ``U`` (u x 4u) and
one bias ``b`` (4u), the four gates side by side in the order i, f, c, o:

    i_t = gate(x_t W_i + h_{t-1} U_i + b_i)           input gate
    f_t = gate(x_t W_f + h_{t-1} U_f + b_f)           forget gate
    g_t = tanh(x_t W_c + h_{t-1} U_c + b_c)           candidate cell
    o_t = gate(x_t W_o + h_{t-1} U_o + b_o)           output gate
    c_t = f_t * c_{t-1} + i_t * g_t
    h_t = o_t * tanh(c_t)

where ``gate`` is the sigmoid, or the hard sigmoid of Keras 2.2 and earlier.
"""

import numpy as np


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def hard_sigmoid_keras2(z):
    """The gates' activation of Keras 2.2 and earlier."""
    return np.clip(0.2 * z + 0.5, 0.0, 1.0)


# The gates' activation by the name of ``model.recurrent_activation`` (Keras: training/recurrent.py).
GATE_ACTIVATIONS = {"sigmoid": sigmoid, "hard_sigmoid_keras2": hard_sigmoid_keras2}


def split_gates(matrix, units):
    """The (i, f, c, o) blocks of a Keras LSTM weight (last axis 4 * units)."""
    return tuple(matrix[..., k * units : (k + 1) * units] for k in range(4))


def final_hidden_state(x, kernel, recurrent_kernel, bias, recurrent_activation="sigmoid"):
    """h_T for a batch of sequences ``x`` (n, timesteps, inputs), from zero states,
    in float64 (Keras computes in float32; the difference stays below 1e-5); the
    gates i, f, o take ``recurrent_activation`` (a name of ``GATE_ACTIVATIONS``)."""
    gate = GATE_ACTIVATIONS[recurrent_activation]
    x = np.asarray(x, dtype=np.float64)
    units = recurrent_kernel.shape[0]
    W = split_gates(np.asarray(kernel, dtype=np.float64), units)
    U = split_gates(np.asarray(recurrent_kernel, dtype=np.float64), units)
    b = split_gates(np.asarray(bias, dtype=np.float64), units)
    h = np.zeros((x.shape[0], units))
    c = np.zeros((x.shape[0], units))
    for t in range(x.shape[1]):
        x_t = x[:, t, :]
        i = gate(x_t @ W[0] + h @ U[0] + b[0])
        f = gate(x_t @ W[1] + h @ U[1] + b[1])
        g = np.tanh(x_t @ W[2] + h @ U[2] + b[2])
        o = gate(x_t @ W[3] + h @ U[3] + b[3])
        c = f * c + i * g
        h = o * np.tanh(c)
    return h
