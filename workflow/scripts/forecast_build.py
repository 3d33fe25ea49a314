"""Rule ``forecast``: the build's critical path and its wall time on 1, 2, 8 and 32
cores and with unlimited slots, simulated over the jobs that made this rule's inputs,
with the times Snakemake recorded for them."""

from lstm_toys.data.documents import write_document
from lstm_toys.logs import job_logger
from lstm_toys.presentation.forecast import forecast, read_jobs

log = job_logger(snakemake.log[0], "forecast")
result = forecast(read_jobs(".", list(snakemake.input)))
write_document(snakemake.output[0], result)
log.info("%s: %d jobs, %.0f job-seconds, critical path %.0f s, 2 cores %.0f s", snakemake.output[0],
         result["jobs"], result["job_seconds"], result["critical_path_seconds"], result["wall_seconds"]["2"])
