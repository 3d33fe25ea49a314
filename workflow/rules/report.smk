rule report:
    """The study in one self-contained page: what held up, then each experiment's
    observations, figures and numbers, the training cost and run time, provenance, and
    links to the executed notebooks beside it."""
    input:
        files=leaves(report_files()),
        forecast=f"{RESULTS}/tables/forecast.json",
        metrics=f"{RESULTS}/tables/metrics.tsv",
        write_ups=workflow_file("resources/write-ups.tsv"),
    output:
        f"{RESULTS}/report/index.html",
    log:
        f"{LOGS}/report/index.log",
    conda:
        "../../envs/report.yaml"
    resources:
        mem_mb=per_attempt(1000),
        runtime=per_attempt(10),
    params:
        code=code("build_report.py"),
        files=report_files(),
        title=config["title"],
        config_sha256=cfg.digest(config),
        preview=preview_settings,
    script:
        "../scripts/build_report.py"


rule forecast:
    """What this build would take on more cores or a cluster: the critical path and the
    wall time on 1, 2, 8 and 32 cores and with unlimited slots, simulated over the jobs
    before the report with the times Snakemake recorded for them (its metadata)."""
    input:
        leaves(report_files()),
        animation_pages(),
        f"{RESULTS}/tables/scorecard.md",
        f"{RESULTS}/tables/metrics.tsv",
    output:
        f"{RESULTS}/tables/forecast.json",
    log:
        f"{LOGS}/forecast/forecast.log",
    conda:
        "../../envs/report.yaml"
    resources:
        mem_mb=per_attempt(500),
        runtime=per_attempt(5),
    params:
        code=code("forecast_build.py"),
    script:
        "../scripts/forecast_build.py"
