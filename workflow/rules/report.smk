rule report:
    """The study in one self-contained page: claims, metrics, figures, training
    cost, provenance, and links to the executed notebooks beside it."""
    input:
        claims=expand(f"{RESULTS}/claims/{{experiment}}.json", experiment=EXPERIMENTS),
        metrics=all_metrics(),
        figures=all_figures(),
        benchmarks=per_experiment(
            variant_files(f"{RESULTS}/benchmarks/train/{{experiment}}/{{variant}}.tsv")
        ),
        histories=per_experiment(
            variant_files(f"{RESULTS}/models/{{experiment}}/{{variant}}/history.csv")
        ),
        notebooks=expand(
            f"{RESULTS}/report/notebooks/{{experiment}}.html", experiment=EXPERIMENTS
        ),
        code=code("build_report.py"),
    output:
        f"{RESULTS}/report/index.html",
    log:
        f"{LOGS}/report/index.log",
    conda:
        "../../envs/report.yaml"
    params:
        title=config["title"],
        config_sha256=cfg.digest(config),
    script:
        "../scripts/build_report.py"
