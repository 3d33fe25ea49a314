"""The log of one job: the file of the rule's ``log:`` directive."""

import logging
import os
import sys


def job_logger(log_path, name: str) -> logging.Logger:
    """A logger writing to the rule's ``log:`` file.

    The process's stderr is sent to the same file, so that everything a job says
    (TensorFlow's start-up lines, a traceback) lands in its log, in order, and the
    terminal shows Snakemake's progress only. Without a log path, stderr it is.
    """
    if log_path:
        log_file = open(log_path, "w", buffering=1)
        os.dup2(log_file.fileno(), sys.stderr.fileno())
    logger = logging.getLogger(name)
    logger.setLevel(logging.INFO)
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
    logger.handlers[:] = [handler]
    logger.propagate = False
    return logger
