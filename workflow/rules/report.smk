rule report:
    """The study in one self-contained page: claims, metrics, figures."""
    input:
        claims=expand(f"{RESULTS}/claims/{{experiment}}.json", experiment=EXPERIMENTS),
        metrics=all_metrics(),
        figures=all_figures(),
        code=code("build_report.py"),
    output:
        f"{RESULTS}/report/index.html",
    log:
        f"{LOGS}/report/index.log",
    conda:
        "../../envs/report.yaml"
    params:
        title=config["title"],
    script:
        "../scripts/build_report.py"
