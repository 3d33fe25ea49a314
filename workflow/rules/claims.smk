rule claims:
    """Each claim of one experiment: measured value, threshold, reproduced or not."""
    input:
        metrics=lambda w: expand(
            f"{RESULTS}/metrics/{{experiment}}/{{variant}}.json",
            experiment=w.experiment,
            variant=cfg.variant_names(config, w.experiment),
        ),
        code=code("assess_claims.py", "claims"),
    output:
        f"{RESULTS}/claims/{{experiment}}.json",
    log:
        f"{LOGS}/claims/{{experiment}}.log",
    conda:
        "../../envs/analysis.yaml"
    params:
        spec=lambda w: cfg.canonical(cfg.claims_spec(config, w.experiment)),
    script:
        "../scripts/assess_claims.py"
