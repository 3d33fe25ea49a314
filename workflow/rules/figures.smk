def figure_inputs(wildcards):
    """The files one figure reads, named ``dataset_<split>``, ``predictions_<variant>``,
    ``history_<variant>``: only what its config entry asks for."""
    spec = cfg.figure_spec(config, wildcards.experiment, wildcards.figure)
    variants = spec.get("variants") or cfg.variant_names(config, wildcards.experiment)
    experiment = wildcards.experiment
    inputs = {
        f"dataset_{split}": f"{RESULTS}/datasets/{experiment}/{split}.npz"
        for split in spec.get("splits", [])
    }
    for variant in variants:
        if spec.get("predictions"):
            inputs[f"predictions_{variant}"] = (
                f"{RESULTS}/predictions/{experiment}/{variant}.npz"
            )
        if spec.get("history"):
            inputs[f"history_{variant}"] = (
                f"{RESULTS}/models/{experiment}/{variant}/history.csv"
            )
    inputs["code"] = code("figures")(wildcards)
    return inputs


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
    params:
        spec=lambda w: cfg.canonical(cfg.figure_spec(config, w.experiment, w.figure)),
    log:
        f"{LOGS}/figure/{{experiment}}/{{figure}}.log",
    script:
        "../scripts/plot_figure.py"
