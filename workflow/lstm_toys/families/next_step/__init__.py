"""Next-step generation: stacked LSTMs read a window of a noisy sine and predict a later
sample; run free, they generate a signal sample by sample (section D)."""
