"""Reconstruction error per class, agreement of the NumPy and Keras encoders, and a
logistic regression on the NumPy features: fitted on train, scored on the held-out split."""

import numpy as np
from sklearn.linear_model import LogisticRegression

from lstm_toys.evaluation.scores import regression_scores


def classify(train_features, train_labels, test_features, test_labels) -> float:
    classifier = LogisticRegression(max_iter=1000)
    classifier.fit(train_features, train_labels)
    return float(np.mean(classifier.predict(test_features) == test_labels))


def compute(spec: dict, datasets: dict, predictions: dict, history: dict) -> dict:
    metrics = {}
    for split, arrays in datasets.items():
        outputs, labels = predictions[split]["outputs"], arrays["factors"][:, 0]
        scores = regression_scores(arrays["targets"], outputs)
        for label in np.unique(labels):
            rows = labels == label
            scores[f"mse_class_{label:g}"] = float(np.mean((outputs[rows] - arrays["targets"][rows]) ** 2))
        difference = predictions[split]["numpy_features"] - predictions[split]["keras_features"]
        scores["numpy_keras_max_abs_diff"] = float(np.max(np.abs(difference)))
        scores["n"] = len(labels)
        scores["feature_columns"] = int(predictions[split]["numpy_features"].shape[1])
        metrics[split] = scores
    train, held_out = datasets["train"], datasets["val"]
    metrics["val"]["logistic_regression_accuracy"] = classify(
        predictions["train"]["numpy_features"], train["factors"][:, 0],
        predictions["val"]["numpy_features"], held_out["factors"][:, 0],
    )
    return metrics
