rule train:
    """One model variant; its TensorFlow uses exactly ``threads`` CPU threads."""
    input:
        train=f"{RESULTS}/datasets/{{experiment}}/train.npz",
        val=f"{RESULTS}/datasets/{{experiment}}/val.npz",
        code=code("train.py", "build", "fit"),
    output:
        model=f"{RESULTS}/models/{{experiment}}/{{variant}}/model.keras",
        history=f"{RESULTS}/models/{{experiment}}/{{variant}}/history.csv",
        snapshots=f"{RESULTS}/models/{{experiment}}/{{variant}}/snapshots.npz",
    log:
        f"{LOGS}/train/{{experiment}}/{{variant}}.log",
    benchmark:
        f"{RESULTS}/benchmarks/train/{{experiment}}/{{variant}}.tsv"
    conda:
        "../../envs/tensorflow.yaml"
    threads: config["threads"]["train"]
    resources:
        mem_mb=2000,
        runtime=60,
    params:
        spec=lambda w: cfg.canonical(cfg.training_spec(config, w.experiment, w.variant)),
    script:
        "../scripts/train.py"
