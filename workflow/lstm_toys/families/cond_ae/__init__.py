"""A conditional LSTM autoencoder whose encoder state serves as features for a
classifier of two sine frequencies (section E)."""
