# One rule per kind of plot, so that each kind has its own caption in Snakemake's
# report (`snakemake --report`); the rules differ in nothing else.
for plot, pairs in figures_by_plot().items():

    rule:
        name:
            f"figure_{plot}"
        input:
            unpack(figure_inputs),
        output:
            report(
                f"{RESULTS}/figures/{{experiment}}/{{figure}}.png",
                caption=f"../report/figures/{plot}.rst",
                category="{experiment}",
                labels={"experiment": "{experiment}", "figure": "{figure}"},
            ),
        log:
            f"{LOGS}/figure/{{experiment}}/{{figure}}.log",
        wildcard_constraints:
            figure=figure_names_drawn_with(pairs),
        conda:
            "../../envs/analysis.yaml"
        params:
            spec=lambda w: cfg.canonical(
                cfg.figure_spec(config, w.experiment, w.figure)
            ),
        script:
            "../scripts/plot_figure.py"
