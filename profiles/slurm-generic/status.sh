#!/usr/bin/env bash
# The state of one SLURM job for snakemake-executor-plugin-cluster-generic: prints
# running, success or failed. Reads `scontrol show job`, which works without
# accounting (finished jobs stay visible for the cluster's MinJobAge, 300 s by default).
set -uo pipefail
job_id=$1
for attempt in 1 2 3; do
    state=$(scontrol show job --oneliner "$job_id" 2>/dev/null | grep -o 'JobState=[A-Z_]*' | cut -d= -f2)
    [ -n "$state" ] && break
    sleep "$attempt"  # the controller may be busy: ask again
done
case "$state" in
    COMPLETED) echo success ;;
    PENDING | CONFIGURING | RUNNING | COMPLETING | SUSPENDED | REQUEUED | RESIZING | SIGNALING | STAGE_OUT) echo running ;;
    "") echo "SLURM job $job_id is unknown to scontrol" >&2; echo failed ;;
    *) echo failed ;;
esac
