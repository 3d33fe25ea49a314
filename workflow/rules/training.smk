rule train:
    """One replicate of one model variant; its TensorFlow uses exactly ``threads`` CPU threads."""
    input:
        train=DATASET.replace("{split}", "train"),
        val=DATASET.replace("{split}", "val"),
    output:
        model=f"{MODEL_DIR}/model.keras",
        history=VARIANT_FILES["history"],
        snapshots=VARIANT_FILES["snapshots"],
    log:
        f"{LOGS}/train/{{experiment}}/{{variant}}/r{{replicate}}.log",
    benchmark:
        BENCHMARK
    conda:
        "../../envs/tensorflow.yaml"
    threads: config["threads"]["train"]
    resources:
        mem_mb=per_attempt(2000),
        runtime=per_attempt(60),
    params:
        code=code("train.py", "build", "fit"),
        spec=lambda w: cfg.canonical(
            cfg.training_spec(config, w.experiment, w.variant, int(w.replicate))
        ),
    script:
        "../scripts/train.py"
