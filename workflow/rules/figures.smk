rule figure:
    """One named figure of one experiment (matplotlib; no TensorFlow)."""
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
    params:
        spec=lambda w: cfg.canonical(cfg.figure_spec(config, w.experiment, w.figure)),
    script:
        "../scripts/plot_figure.py"
