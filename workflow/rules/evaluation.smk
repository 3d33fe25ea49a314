rule predict:
    """A trained replicate of a variant on every split of its replicate's data (one
    TensorFlow start per trained model)."""
    input:
        unpack(dataset_inputs),
        model=f"{MODEL_DIR}/model.keras",
    output:
        PREDICTIONS,
    log:
        f"{LOGS}/predict/{{experiment}}/{{variant}}/r{{replicate}}.log",
    conda:
        "../../envs/tensorflow.yaml"
    threads: config["threads"]["predict"]
    resources:
        mem_mb=per_attempt(2000),
        runtime=per_attempt(15),
    params:
        code=code("predict.py", "build", "predict"),
        spec=lambda w: cfg.canonical(
            cfg.predict_spec(config, w.experiment, w.variant, int(w.replicate))
        ),
    script:
        "../scripts/predict.py"


rule metrics:
    """Scores of one replicate of one variant on every split (NumPy only)."""
    input:
        unpack(dataset_inputs),
        predictions=PREDICTIONS,
        history=VARIANT_FILES["history"],
        snapshots=VARIANT_FILES["snapshots"],
    output:
        METRICS,
    log:
        f"{LOGS}/metrics/{{experiment}}/{{variant}}/r{{replicate}}.log",
    conda:
        "../../envs/analysis.yaml"
    resources:
        mem_mb=per_attempt(1000),
        runtime=per_attempt(10),
    params:
        code=code("compute_metrics.py", "metrics"),
        spec=lambda w: cfg.canonical(cfg.metrics_spec(config, w.experiment, w.variant)),
    script:
        "../scripts/compute_metrics.py"
