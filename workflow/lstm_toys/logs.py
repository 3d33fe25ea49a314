"""The log of one job: the file of the rule's ``log:`` directive."""

import logging
import sys


def job_logger(log_path, name: str) -> logging.Logger:
    """A logger writing to the rule's ``log:`` file (and stderr when there is none)."""
    logger = logging.getLogger(name)
    logger.setLevel(logging.INFO)
    handler = logging.FileHandler(log_path, mode="w") if log_path else logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
    logger.handlers[:] = [handler]
    return logger
