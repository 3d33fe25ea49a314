rule report:
    """The study in one self-contained page: claims, metrics, figures."""
    input:
        claims=expand(f"{RESULTS}/claims/{{experiment}}.json", experiment=EXPERIMENTS),
        metrics=all_metrics(),
        figures=all_figures(),
        code=code("report"),
    output:
        f"{RESULTS}/report/index.html",
    params:
        title=config["title"],
    log:
        f"{LOGS}/report/index.log",
    script:
        "../scripts/build_report.py"
