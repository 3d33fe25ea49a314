"""Rule ``animation_page``: a page that shows one animation in Snakemake's report."""

from lstm_toys.logs import job_logger
from lstm_toys.presentation.report import animation_page

log = job_logger(snakemake.log[0], "animation_page")
title = f"{snakemake.wildcards.experiment}: {snakemake.wildcards.figure}"
animation_page(snakemake.input.animation, snakemake.output[0], title)
log.info("%s: shows %s", snakemake.output[0], snakemake.input.animation)
