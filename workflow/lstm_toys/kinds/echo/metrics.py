"""Per-token and per-sequence accuracy, and how often the output repeats its own
previous token (the long echo "repeating early tokens")."""


def compute(spec: dict, datasets: dict, predictions: dict, history: dict) -> dict:
    metrics = {}
    for split, arrays in datasets.items():
        predicted = predictions[split]["outputs"].argmax(-1)
        expected = arrays["targets"][: len(predicted)].argmax(-1)
        right = predicted == expected
        repeats = predicted[:, 1:] == predicted[:, :-1]
        metrics[split] = {
            "token_accuracy": float(right.mean()),
            "sequence_accuracy": float(right.all(axis=1).mean()),
            "repetition_rate": float(repeats.mean()) if repeats.size else 0.0,
            "expected_repetition_rate": float((expected[:, 1:] == expected[:, :-1]).mean()) if repeats.size else 0.0,
            "accuracy_by_position": [float(v) for v in right.mean(axis=0)],
            "windows": int(len(predicted)),
        }
    if history:  # the loss on the last epoch's fresh sequence, as 004 prints it
        metrics["training"] = {"final_loss": float(history["loss"][-1])}
    return metrics
