"""Numbers recorded beside the claims: what a write-up prints, beside the pipeline's,
and the pipeline's own records. Each is a metric of one variant on every replicate,
reported as its median and range; a record for the reader, not a claim (no
threshold, no verdict)."""

import math

import numpy as np

from lstm_toys.evaluation.verdicts import chosen_variant


def compare(printed: list, replicates: list) -> list:
    """One row per ``[name, spec]`` of ``printed`` or of the records (the config's order)
    over ``replicates`` (each replicate's ``{variant: {split: {name: value}}}``); a record
    has its ``meaning`` and no write-up number."""
    rows = []
    for name, spec in printed:
        variant = chosen_variant(spec, replicates[0])
        section, metric = spec["metric"].split(".")
        try:
            values = [replicate[variant][section][metric] for replicate in replicates]
        except KeyError as missing:
            raise KeyError(f"{name}: the metrics of {variant} have no {missing} ({spec['metric']})") from None
        finite = [float(value) for value in values if isinstance(value, (int, float)) and math.isfinite(value)]
        rows.append({
            "name": name,
            "metric": spec["metric"],
            "variant": variant,
            **({"write_up": spec["value"], "source": spec["source"], "observed": spec["observed"]} if "value" in spec
               else {"meaning": spec["meaning"]}),
            "values": values,
            "median": float(np.median(finite)) if finite else None,
            "range": [min(finite), max(finite)] if finite else None,
        })
    return rows
