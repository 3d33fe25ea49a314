rule claims:
    """Each claim of one experiment over every replicate: the values, k of n passing,
    the median and its bootstrap interval, the sign test, and a three-way verdict."""
    input:
        unpack(lambda w: replicate_inputs(METRICS, "metrics", w.experiment)),
        unpack(reference_inputs),
    output:
        f"{RESULTS}/claims/{{experiment}}.json",
    log:
        f"{LOGS}/claims/{{experiment}}.log",
    conda:
        "../../envs/analysis.yaml"
    resources:
        mem_mb=per_attempt(1000),
        runtime=per_attempt(10),
    params:
        code=code("assess_claims.py", "claims"),
        spec=lambda w: cfg.canonical(cfg.claims_spec(config, w.experiment)),
    script:
        "../scripts/assess_claims.py"


rule claims_figure:
    """Each claim's per-replicate values against its threshold, one strip per claim."""
    input:
        claims=f"{RESULTS}/claims/{{experiment}}.json",
    output:
        report(
            f"{RESULTS}/claims/{{experiment}}.png",
            caption="../report/claims.rst",
            category="{experiment}",
            labels={"experiment": "{experiment}", "figure": "claims over replicates"},
        ),
    log:
        f"{LOGS}/claims_figure/{{experiment}}.log",
    conda:
        "../../envs/analysis.yaml"
    resources:
        mem_mb=per_attempt(1000),
        runtime=per_attempt(10),
    params:
        code=code("plot_claims.py"),
    script:
        "../scripts/plot_claims.py"


rule scorecard:
    """Every experiment's claims as one Markdown table in the write-ups' order (the
    README's results table is this file), the verdicts before beside them."""
    input:
        claims=expand(f"{RESULTS}/claims/{{experiment}}.json", experiment=EXPERIMENTS),
        before=workflow_file("resources/verdicts-before.tsv"),
    output:
        f"{RESULTS}/tables/scorecard.md",
    log:
        f"{LOGS}/scorecard/scorecard.log",
    conda:
        "../../envs/report.yaml"
    resources:
        mem_mb=per_attempt(500),
        runtime=per_attempt(5),
    params:
        code=code("write_scorecard.py"),
        preview=preview_settings,
    script:
        "../scripts/write_scorecard.py"


rule experiment_tables:
    """One experiment's metrics of every replicate and its claims as tidy tables (one
    observation per row), which its notebook reads."""
    input:
        unpack(lambda w: replicate_inputs(METRICS, "metrics", w.experiment)),
        claims=f"{RESULTS}/claims/{{experiment}}.json",
    output:
        metrics=f"{RESULTS}/tables/{{experiment}}/metrics.tsv",
        claims=f"{RESULTS}/tables/{{experiment}}/claims.tsv",
    log:
        f"{LOGS}/experiment_tables/{{experiment}}.log",
    conda:
        "../../envs/report.yaml"
    resources:
        mem_mb=per_attempt(500),
        runtime=per_attempt(5),
    params:
        code=code("write_tables.py"),
    script:
        "../scripts/write_tables.py"


rule tables:
    """The study's tidy tables: every experiment's, one after the other
    (``pandas.read_csv(path, sep="\\t")``)."""
    input:
        metrics=expand(
            f"{RESULTS}/tables/{{experiment}}/metrics.tsv", experiment=EXPERIMENTS
        ),
        claims=expand(
            f"{RESULTS}/tables/{{experiment}}/claims.tsv", experiment=EXPERIMENTS
        ),
    output:
        metrics=f"{RESULTS}/tables/metrics.tsv",
        claims=f"{RESULTS}/tables/claims.tsv",
    log:
        f"{LOGS}/tables/tables.log",
    conda:
        "../../envs/report.yaml"
    resources:
        mem_mb=per_attempt(500),
        runtime=per_attempt(5),
    params:
        code=code("join_tables.py"),
    script:
        "../scripts/join_tables.py"
