rule notebook:
    """One experiment's study, executed with papermill from the one template, then
    rendered to HTML beside the report (no TensorFlow). A failing cell fails the job;
    its traceback is in the log."""
    input:
        unpack(notebook_inputs),
        template=workflow_file("notebooks/experiment.ipynb"),
        html_template=workflow_file("notebooks/offline.html.j2"),
        claims=f"{RESULTS}/claims/{{experiment}}.json",
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
    resources:
        mem_mb=per_attempt(1500),
        runtime=per_attempt(10),
    params:
        code=notebook_code,
        parameters=notebook_parameters,
    script:
        "../scripts/run_notebook.py"
