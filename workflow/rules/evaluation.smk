rule predict:
    """A trained variant on every split of its experiment (one TensorFlow start per variant)."""
    input:
        unpack(named("dataset", dataset_files)),
        model=f"{RESULTS}/models/{{experiment}}/{{variant}}/model.keras",
        code=code("predict.py", "build", "predict"),
    output:
        f"{RESULTS}/predictions/{{experiment}}/{{variant}}.npz",
    log:
        f"{LOGS}/predict/{{experiment}}/{{variant}}.log",
    conda:
        "../../envs/tensorflow.yaml"
    threads: config["threads"]["predict"]
    resources:
        mem_mb=2000,
        runtime=15,
    params:
        spec=lambda w: cfg.canonical(cfg.predict_spec(config, w.experiment, w.variant)),
    script:
        "../scripts/predict.py"


rule metrics:
    """Scores of one variant on every split (NumPy only)."""
    input:
        unpack(named("dataset", dataset_files)),
        predictions=f"{RESULTS}/predictions/{{experiment}}/{{variant}}.npz",
        history=f"{RESULTS}/models/{{experiment}}/{{variant}}/history.csv",
        code=code("compute_metrics.py", "metrics"),
    output:
        f"{RESULTS}/metrics/{{experiment}}/{{variant}}.json",
    log:
        f"{LOGS}/metrics/{{experiment}}/{{variant}}.log",
    conda:
        "../../envs/analysis.yaml"
    resources:
        mem_mb=1000,
        runtime=10,
    params:
        spec=lambda w: cfg.canonical(cfg.metrics_spec(config, w.experiment)),
    script:
        "../scripts/compute_metrics.py"
