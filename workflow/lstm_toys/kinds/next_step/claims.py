"""Section D's measures: what write-up 002 observes of its next-step predictor."""

from lstm_toys.evaluation.verdicts import Claim, metric
from lstm_toys.kind import Story

# The notebook's story of this kind: what the write-up did and observed, and the
# metrics behind its claims (the notebook shows them first).
STORY = Story(
    title="Next-step sine predictor (section D)",
    narrative="""\
Write-up `002` predicts a later sample of a noisy sine from a window of 50 with three stacked
LSTM(16). It checks first that the optimiser can overfit one batch (the loss falls from 73 to 0.38),
then reports a dev loss of about 5e-4 per example against a noise variance of 4e-4, reached within
the first epoch. It also generates freely: primed with 20 samples, each step reads the last 50
samples (its own predictions) and starts from the states the previous step ended with; it never
comments on the generated signal, so its period and amplitude are recorded here, not judged.
""",
    headline_metrics=("loss_per_example", "noise_floor", "val_mse_after_first_epoch", "one_batch_loss_ratio",
                      "period", "amplitude_last_200"),
)


CLAIMS = {
    "dev_loss_per_example": Claim(
        "the trained model's dev loss per example (summed squared error over the dev windows, per window)",
        lambda m, s: metric(m, s, "loss_per_example", "val"), "<="),
    "dev_loss_after_first_epoch": Claim(
        "the dev loss per example after the first epoch (every dev window, snapshot after epoch 1)",
        lambda m, s: metric(m, s, "val_mse_after_first_epoch", "training"), "<="),
    "one_batch_overfits": Claim(
        "trained on one batch alone (002's check, its learning rate), the batch's loss after the printed steps "
        "over its first loss", lambda m, s: metric(m, s, "one_batch_loss_ratio", "training"), "<="),
}
