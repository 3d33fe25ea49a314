"""Training and running models (TensorFlow, imported by the modules below, never by
this package): the TensorFlow set-up (``runtime``), compiled training steps
(``steps``), the training loop and its callbacks (``fit``), safe loading and
prediction (``inference``), the NumPy LSTM (``numpy_lstm``) and the per-epoch
history file (``history``, NumPy only)."""
