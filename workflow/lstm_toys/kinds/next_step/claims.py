"""Section D's claims."""

from lstm_toys.evaluation.verdicts import Claim, metric, metric_claim
from lstm_toys.kind import Story

# The notebook's story of this kind: what the write-up did and observed, and the
# metrics behind its claims (the notebook shows them first).
STORY = Story(
    title="Next-step sine predictor (section D)",
    narrative="""\
Write-up `002` predicts the next sample of a noisy sine from a window of 50 with
three stacked LSTM(16). It reports a dev loss of about 5e-4 per example against a noise variance of
4e-4, and generates freely: primed with 20 samples, each step reads the last 50 samples (its own
predictions) and starts from the states the previous step ended with. The pipeline generates that way
(figures and claims), and also with a stateful copy that reads one sample per step (`stepper` metrics).
""",
    headline_metrics=("loss_per_example", "noise_floor", "mse", "period", "amplitude_last_200"),
)

TRAINING_PERIOD = 1.0  # sin(2 pi t): one cycle per time unit


CLAIMS = {
    "dev_loss_near_noise_floor": Claim(
        "the dev loss per example is near the noise floor (dev loss per example / noise variance; "
        "the write-up: 5e-4 / 4e-4)",
        lambda m, s: metric(m, s, "loss_per_example", "val") / metric(m, s, "noise_floor", "val"),
        "<",
    ),
    "keeps_training_period": Claim(
        "over 1000 generated samples the signal keeps the training period (|period / 1 - 1|)",
        lambda m, s: abs(metric(m, s, "period", "generation_1000") / TRAINING_PERIOD - 1),
        "<",
    ),
    "keeps_oscillating": metric_claim(
        "the generated signal keeps oscillating to the end (amplitude of its last 200 samples)",
        "amplitude_last_200",
        "generation_1000",
        ">",
    ),
}
