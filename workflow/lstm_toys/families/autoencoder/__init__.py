"""Sequence autoencoders: LSTMs squeeze a sequence into a small latent vector, which is
repeated over time and decoded by LSTMs (section C)."""
