"""Sequence to sequence: a stack of LSTMs returning sequences, then a per-step linear
output, maps a sequence to one of the same length (section A)."""
