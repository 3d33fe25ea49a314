"""Reconstruction error per class (over the plotted range: the visual criterion),
agreement of the NumPy and Keras encoders, and a logistic regression on the NumPy
features, fitted on train and scored on the held-out split; the same regression on an
untrained encoder's features is its control (what the features add)."""

import numpy as np
from sklearn.linear_model import LogisticRegression

from lstm_toys.evaluation.scores import error_over_range, regression_scores

LATE_EPOCHS = 5  # the loss's last stretch, over which "not converged yet" is read


def classify(train_features, train_labels, test_features, test_labels) -> float:
    classifier = LogisticRegression(max_iter=1000)
    classifier.fit(train_features, train_labels)
    return float(np.mean(classifier.predict(test_features) == test_labels))


def compute(spec: dict, datasets: dict, predictions: dict, history: dict, snapshots: dict) -> dict:
    metrics = {}
    for split, arrays in datasets.items():
        outputs, labels = predictions[split]["outputs"], arrays["factors"][:, 0]
        scores = regression_scores(arrays["targets"], outputs)
        for label in np.unique(labels):
            rows = labels == label
            scores[f"mse_class_{label:g}"] = float(np.mean((outputs[rows] - arrays["targets"][rows]) ** 2))
            scores[f"error_over_range_class_{label:g}"] = error_over_range(arrays["targets"][rows], outputs[rows])
            scores[f"windows_class_{label:g}"] = int(rows.sum())
        difference = predictions[split]["numpy_features"] - predictions[split]["keras_features"]
        scores["numpy_keras_max_abs_diff"] = float(np.max(np.abs(difference)))
        scores["n"] = len(labels)
        scores["feature_columns"] = int(predictions[split]["numpy_features"].shape[1])
        metrics[split] = scores
    train, held_out = datasets["train"], datasets["val"]
    for name, features in (("logistic_regression_accuracy", "numpy_features"),
                           ("untrained_features_accuracy", "untrained_features")):
        metrics["val"][name] = classify(predictions["train"][features], train["factors"][:, 0],
                                        predictions["val"][features], held_out["factors"][:, 0])
    if history:
        loss = history["loss"]
        metrics["training"] = {"final_loss": float(loss[-1]),
                               "late_loss_ratio": float(loss[-1] / loss[-1 - LATE_EPOCHS])
                               if len(loss) > LATE_EPOCHS else float("nan")}
    return metrics
