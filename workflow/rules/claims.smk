rule claims:
    """Each claim of one experiment: measured value, threshold, reproduced or not."""
    input:
        unpack(named("metrics", metrics_files)),
        code=code("assess_claims.py", "claims"),
    output:
        f"{RESULTS}/claims/{{experiment}}.json",
    log:
        f"{LOGS}/claims/{{experiment}}.log",
    conda:
        "../../envs/analysis.yaml"
    resources:
        mem_mb=1000,
        runtime=10,
    params:
        spec=lambda w: cfg.canonical(cfg.claims_spec(config, w.experiment)),
    script:
        "../scripts/assess_claims.py"
