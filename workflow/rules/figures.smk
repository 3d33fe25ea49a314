rule figure:
    """One figure of one experiment (matplotlib, no TensorFlow). Its plot declares what
    it reads; its caption in Snakemake's report is the plot's own."""
    input:
        unpack(lambda w: figure_inputs(w, "png")),
    output:
        report(
            f"{RESULTS}/figures/{{experiment}}/{{figure}}.png",
            caption="../report/figure.rst",
            category="{experiment}",
            labels={"experiment": "{experiment}", "figure": "{figure}"},
        ),
    log:
        f"{LOGS}/figure/{{experiment}}/{{figure}}.log",
    conda:
        "../../envs/analysis.yaml"
    resources:
        mem_mb=per_attempt(1000),
        runtime=per_attempt(10),
    params:
        code=figure_code,
        spec=lambda w: cfg.canonical(cfg.figure_spec(config, w.experiment, w.figure)),
        caption=lambda w: cfg.plot_of(config, w.experiment, w.figure).caption,
    script:
        "../scripts/plot_figure.py"


rule animation:
    """One animation of one experiment: a GIF over training (matplotlib's Pillow
    writer, no TensorFlow)."""
    input:
        unpack(lambda w: figure_inputs(w, "gif")),
    output:
        f"{RESULTS}/figures/{{experiment}}/{{figure}}.gif",
    log:
        f"{LOGS}/figure/{{experiment}}/{{figure}}.log",
    conda:
        "../../envs/analysis.yaml"
    resources:
        mem_mb=per_attempt(1000),
        runtime=per_attempt(10),
    params:
        code=figure_code,
        spec=lambda w: cfg.canonical(cfg.figure_spec(config, w.experiment, w.figure)),
    script:
        "../scripts/plot_figure.py"


rule animation_page:
    """A page that shows one animation in Snakemake's report, whose viewer shows
    pictures and pages but not GIFs."""
    input:
        animation=f"{RESULTS}/figures/{{experiment}}/{{figure}}.gif",
    output:
        report(
            f"{RESULTS}/figures/{{experiment}}/{{figure}}.gif.html",
            caption="../report/figure.rst",
            category="{experiment}",
            labels={"experiment": "{experiment}", "figure": "{figure}"},
        ),
    log:
        f"{LOGS}/animation_page/{{experiment}}/{{figure}}.log",
    conda:
        "../../envs/report.yaml"
    resources:
        mem_mb=per_attempt(500),
        runtime=per_attempt(5),
    params:
        code=code("build_animation_page.py"),
        caption=lambda w: cfg.plot_of(config, w.experiment, w.figure).caption,
    script:
        "../scripts/build_animation_page.py"
