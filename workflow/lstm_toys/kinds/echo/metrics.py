"""Per-token and per-sequence accuracy and accuracy by output position; how the wrong
tokens relate to the right ones (do they repeat a token of the window or of the output
before them, against chance; does one wrong token come back wherever the sequence's
token it replaces does); the training loss's largest late jump; and the shapes 004
prints."""

import numpy as np


def repeats(inputs, expected, predicted) -> tuple:
    """Of the wrong output tokens, the share that repeat a token of the input window or of
    the output before them, and the share a uniformly drawn wrong token would (chance)."""
    hits, chance, wrong = 0, 0.0, 0
    classes = inputs.shape[-1] - 1  # randint(0, classes - 1): the tokens that occur
    windows = inputs.argmax(-1)
    for window, truth, guess in zip(windows, expected, predicted):
        for position in np.nonzero(truth != guess)[0]:
            earlier = set(window) | set(guess[:position])
            hits += int(guess[position] in earlier)
            chance += len(earlier - {truth[position]}) / (classes - 1)
            wrong += 1
    return (hits / wrong, chance / wrong) if wrong else (float("nan"), float("nan"))


def stuck_errors(expected, predicted, windows_per_sequence: int) -> float:
    """Of the wrong output tokens, the share whose wrong token comes back in another window
    at the same place of the sequence (the windows slide by one token)."""
    guesses, wrong = {}, []
    for row, (truth, guess) in enumerate(zip(expected, predicted)):
        sequence, start = divmod(row, windows_per_sequence)
        for position in range(len(truth)):
            place = (sequence, start + position)
            guesses.setdefault(place, []).append(guess[position])
            if truth[position] != guess[position]:
                wrong.append((place, guess[position]))
    if not wrong:
        return float("nan")
    return sum(guesses[place].count(token) > 1 for place, token in wrong) / len(wrong)


def late_jump(history: dict) -> float:
    """The largest rise of the logged training loss from one log line to the next, in the
    second half of training (004's long echo: 1.69 to 4.28, three quarters through)."""
    loss = history["loss"]
    late = loss[len(loss) // 2 - 1:]
    return float(np.max(late[1:] / late[:-1])) if len(late) > 1 else float("nan")


def compute(spec: dict, datasets: dict, predictions: dict, history: dict, snapshots: dict) -> dict:
    options = spec["data_options"]
    per_sequence = options["length"] - options["n_in"] + 1
    metrics = {}
    for split, arrays in datasets.items():
        predicted = predictions[split]["outputs"].argmax(-1)
        expected = arrays["targets"][: len(predicted)].argmax(-1)
        right = predicted == expected
        share, chance = repeats(arrays["inputs"][: len(predicted)], expected, predicted)
        by_position = right.mean(axis=0)
        metrics[split] = {
            "token_accuracy": float(right.mean()),
            "sequence_accuracy": float(right.all(axis=1).mean()),
            "accuracy_by_position": [float(v) for v in by_position],
            "first_token_lead": float(by_position[0] - by_position[1:].mean()) if len(by_position) > 1 else 0.0,
            "repeat_share": share,
            "chance_repeat_share": chance,
            "stuck_error_share": stuck_errors(expected, predicted, per_sequence),
            "windows": int(len(predicted)),
            "windows_per_sequence": per_sequence,
            "window_tokens": int(arrays["inputs"].shape[1]),
            "classes": int(arrays["inputs"].shape[2]),
        }
    metrics["model"] = {name: int(value) for name, value in predictions["weights"].items()}
    if history:  # the loss on the last epoch's fresh sequence, as 004 prints it
        metrics["training"] = {"final_loss": float(history["loss"][-1]), "late_loss_jump": late_jump(history)}
    return metrics
