"""Sequence to vector: an LSTM reads a curve and returns its parameters (section B)."""
