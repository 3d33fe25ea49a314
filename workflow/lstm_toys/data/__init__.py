"""Data: what the experiments learn from, drawn by NumPy from seeds derived from the
global one (``seeds``): curve generators (``curves``, one curve per sample), stream
generators (``streams``, windows cut from one long signal or token sequence), and
reproducible ``.npz`` files (``arrays``)."""
