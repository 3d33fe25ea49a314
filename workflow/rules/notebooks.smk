rule notebook:
    """One experiment's study, executed with papermill from its kind's template, then
    rendered to HTML beside the report (no TensorFlow). A failing cell fails the job;
    its traceback is in the log."""
    input:
        template=lambda w: workflow_file(f"notebooks/{kind_of(w)}.ipynb"),
        html_template=workflow_file("notebooks/offline.html.j2"),
        claims=f"{RESULTS}/claims/{{experiment}}.json",
        metrics=lambda w: metrics_files(w.experiment).values(),
        figures=lambda w: figure_files(w.experiment).values(),
        code=code("run_notebook.py"),
        kernel_code=notebook_kernel_code,
    output:
        notebook=f"{RESULTS}/notebooks/{{experiment}}.ipynb",
        html=report(
            f"{RESULTS}/report/notebooks/{{experiment}}.html",
            caption="../report/notebook.rst",
            category="{experiment}",
            labels={"experiment": "{experiment}", "figure": "executed notebook"},
        ),
    log:
        f"{LOGS}/notebook/{{experiment}}.log",
    conda:
        "../../envs/report.yaml"
    params:
        parameters=notebook_parameters,
    script:
        "../scripts/run_notebook.py"
