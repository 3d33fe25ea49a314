rule figure:
    """One figure of one experiment (matplotlib, no TensorFlow). Its plot declares what
    it reads; its caption in Snakemake's report is the plot's own."""
    input:
        unpack(figure_inputs),
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
        mem_mb=1000,
        runtime=10,
    params:
        spec=lambda w: cfg.canonical(cfg.figure_spec(config, w.experiment, w.figure)),
        caption=lambda w: cfg.plot_of(config, w.experiment, w.figure).caption,
    script:
        "../scripts/plot_figure.py"
