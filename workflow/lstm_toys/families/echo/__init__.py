"""Echo of random integer sequences by stateful LSTMs (section F)."""
