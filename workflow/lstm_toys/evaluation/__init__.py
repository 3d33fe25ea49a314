"""Evaluation (NumPy only): error measures (``scores``), wave fitting (``waves``) and
claims measured against thresholds (``verdicts``)."""
