"""Section F's claims."""

from ...verdicts import Claim, metric

CLAIMS = {
    "high_token_accuracy": Claim(
        "the echo is learned: high per-token accuracy on fresh sequences",
        lambda m, s: metric(m, s, "token_accuracy", "val"),
        ">",
    ),
    "long_output_fails": Claim(
        "the longer output mostly fails (per-sequence accuracy on fresh sequences)",
        lambda m, s: metric(m, s, "sequence_accuracy", "val"),
        "<",
    ),
    "repeats_early_tokens": Claim(
        "... repeating early tokens (share of output positions that repeat the previous output token)",
        lambda m, s: metric(m, s, "repetition_rate", "val"),
        ">",
    ),
}
