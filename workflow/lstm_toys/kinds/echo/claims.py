"""Section F's measures: what write-up 004 observes of its echo models."""

from lstm_toys.evaluation.verdicts import Claim, Share, judged_where, metric, metric_claim, variant_metrics
from lstm_toys.kind import Story

# The notebook's story of this kind: what the write-up did and observed, and the
# metrics behind its claims (the notebook shows them first).
STORY = Story(
    title="Echo of random integer sequences (section F)",
    narrative="""\
Write-up `004` trains stateful LSTMs to echo one-hot random integers from sliding windows, a fresh
sequence every epoch. The whole-window echo and the two-token encoder-decoder get nearly every token
right, and the whole echo's few errors stick to one token of the sequence. With four output tokens,
its one run plateaus, its loss jumps up late, and it ends mostly wrong: the first token right, the
later ones repeating tokens of the window or of the output before them.
""",
    headline_metrics=("token_accuracy", "first_token_lead", "repeat_share", "chance_repeat_share",
                      "stuck_error_share", "late_loss_jump"),
)


def stuck_where_wrong(metrics, spec):
    """The share of stuck errors, judged where the model makes errors at all."""
    val = variant_metrics(metrics, spec)["val"]
    return judged_where(val["token_accuracy"] < 1, val["stuck_error_share"])


CLAIMS = {
    "token_accuracy": metric_claim(
        "the share of output tokens echoed right on fresh sequences", "token_accuracy", "val", ">="),
    "errors_stick_to_a_token": Claim(
        "a wrong token comes back in the other windows at the same place of the sequence (share of the wrong "
        "tokens; replicates without an error are not judged)", stuck_where_wrong, ">"),
    "runs_fail": Claim(
        "training fails: a run ends with a token accuracy on fresh sequences below the threshold (the share of "
        "runs that do)", lambda m, s: metric(m, s, "token_accuracy", "val"), "<", Share, statistic="rate"),
    "loss_jumps_late": Claim(
        "the logged training loss jumps up in the second half of training (the share of runs whose largest rise "
        "from one log line to the next is at least the threshold)",
        lambda m, s: metric(m, s, "late_loss_jump", "training"), ">=", Share, statistic="rate"),
    "first_token_right_later_wrong": metric_claim(
        "the first output token is right and the later ones are not (accuracy at the first position minus the "
        "mean of the later positions)", "first_token_lead", "val", ">"),
    "wrong_tokens_repeat": metric_claim(
        "the wrong tokens repeat a token of the window or of the output before them (share of the wrong tokens; "
        "chance is recorded beside)", "repeat_share", "val", ">="),
}
