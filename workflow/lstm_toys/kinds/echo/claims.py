"""Section F's claims."""

from lstm_toys.evaluation.verdicts import metric_claim
from lstm_toys.kind import Story

# The notebook's story of this kind: what the write-up did and observed, and the
# metrics behind its claims (the notebook shows them first).
STORY = Story(
    title="Echo of random integer sequences (section F)",
    narrative="""\
Write-up `004` trains stateful LSTMs to echo one-hot random integers from sliding
windows, a fresh sequence every epoch. It observes high accuracy when the whole window or two
outputs are echoed, and that four outputs mostly fail, repeating early tokens.
""",
    headline_metrics=("token_accuracy", "sequence_accuracy", "repetition_rate", "expected_repetition_rate"),
)

CLAIMS = {
    "high_token_accuracy": metric_claim(
        "the echo is learned: high per-token accuracy on fresh sequences",
        "token_accuracy",
        "val",
        ">",
    ),
    "long_output_fails": metric_claim(
        "the longer output mostly fails (per-sequence accuracy on fresh sequences)",
        "sequence_accuracy",
        "val",
        "<",
    ),
    "repeats_early_tokens": metric_claim(
        "... repeating early tokens (share of output positions that repeat the previous output token)",
        "repetition_rate",
        "val",
        ">",
    ),
}
