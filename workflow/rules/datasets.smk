rule dataset:
    """One split of one experiment, drawn by NumPy from a seed derived from the global one."""
    input:
        code=code("make_dataset.py"),
    output:
        f"{RESULTS}/datasets/{{experiment}}/{{split}}.npz",
    log:
        f"{LOGS}/dataset/{{experiment}}/{{split}}.log",
    conda:
        "../../envs/analysis.yaml"
    resources:
        mem_mb=1000,
        runtime=10,
    params:
        spec=lambda w: cfg.canonical(cfg.dataset_spec(config, w.experiment, w.split)),
    script:
        "../scripts/make_dataset.py"
