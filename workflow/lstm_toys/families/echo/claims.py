"""Section F's claims."""

from ...verdicts import metric_claim

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
