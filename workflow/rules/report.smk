rule report:
    """The study in one self-contained page: claims, metrics, figures, training
    cost, provenance, and links to the executed notebooks beside it."""
    input:
        files=leaves(report_files()),
    output:
        f"{RESULTS}/report/index.html",
    log:
        f"{LOGS}/report/index.log",
    conda:
        "../../envs/report.yaml"
    resources:
        mem_mb=1000,
        runtime=10,
    params:
        code=code("build_report.py"),
        files=report_files(),
        title=config["title"],
        config_sha256=cfg.digest(config),
    script:
        "../scripts/build_report.py"
