rule dataset:
    """One split of one experiment's replicate, drawn by NumPy from a seed derived from
    the global one, the experiment, the split and the replicate's number."""
    output:
        DATASET,
    log:
        f"{LOGS}/dataset/{{experiment}}/r{{replicate}}/{{split}}.log",
    conda:
        "../../envs/analysis.yaml"
    resources:
        mem_mb=per_attempt(1000),
        runtime=per_attempt(10),
    params:
        code=code("make_dataset.py"),
        spec=lambda w: cfg.canonical(
            cfg.dataset_spec(config, w.experiment, w.split, int(w.replicate))
        ),
    script:
        "../scripts/make_dataset.py"
