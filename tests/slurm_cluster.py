"""A one-node SLURM cluster on this machine, for the cluster tests.

Debian's slurmctld, slurmd and munge, started by hand (no systemd), each with its
files in one temporary folder: its own munge key and socket, free ports, no
accounting. ``stop()`` kills exactly the daemons it started, by their PIDs.

The config goes where SLURM looks by default, ``/etc/slurm/slurm.conf``, as on a
real cluster: the SLURM executor plugin's job step removes ``SLURM_CONF`` from the
environment of its inner ``srun``, so a config elsewhere is not found inside jobs.
An existing config that this module did not write is never touched.
"""

import os
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path

DAEMONS = ("munged", "slurmctld", "slurmd")
DEFAULT_CONF = Path("/etc/slurm/slurm.conf")
MARK = "# written by lstm-toys' tests/slurm_cluster.py; removed when its cluster stops\n"


def installed() -> bool:
    return all(shutil.which(name) or Path(f"/usr/sbin/{name}").exists() for name in (*DAEMONS, "sbatch", "squeue"))


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


SLURM_CONF = MARK + """\
ClusterName=lstmtoys
SlurmctldHost={host}(127.0.0.1)
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket={home}/munge.socket
CredType=cred/munge
StateSaveLocation={home}/state
SlurmdSpoolDir={home}/spool
SlurmctldPidFile={home}/slurmctld.pid
SlurmdPidFile={home}/slurmd.pid
SlurmctldLogFile={home}/slurmctld.log
SlurmdLogFile={home}/slurmd.log
SlurmctldPort={controller_port}
SlurmdPort={node_port}
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
AccountingStorageType=accounting_storage/none
# memory as a cluster enforces it: a job step past its --mem is killed (polled every second)
JobAcctGatherType=jobacct_gather/linux
JobAcctGatherFrequency=task=1
JobAcctGatherParams=OverMemoryKill
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
# a node an administrator takes down stays down until resumed (a node that only stopped
# answering comes back by itself), and its jobs fail with NODE_FAIL instead of being
# requeued: Snakemake's retries, not SLURM's requeue, bring them back
ReturnToService=1
JobRequeue=0
MpiDefault=none
# finished jobs stay visible to scontrol (there is no accounting to ask later)
MinJobAge=3600
NodeName={host} NodeAddr=127.0.0.1 CPUs={cpus} RealMemory={memory_mb} State=UNKNOWN
PartitionName=main Nodes=ALL Default=YES MaxTime=INFINITE State=UP
"""


class OneNodeCluster:
    def __init__(self, home: Path, conf: Path = DEFAULT_CONF):
        self.home = Path(home)
        self.conf = Path(conf)
        self.pids = {}
        self.started = []  # every daemon PID, kept after stop() for checking

    @property
    def env(self) -> dict:
        """The environment in which sbatch, squeue and scontrol talk to this cluster."""
        return {**os.environ, "SLURM_CONF": str(self.conf)}

    def start(self, cpus: int = 2, memory_mb: int = 16000, timeout: float = 30) -> "OneNodeCluster":
        for folder in ("state", "spool"):
            (self.home / folder).mkdir(parents=True, exist_ok=True)
        if self.conf.exists() and not self.conf.read_text().startswith(MARK):
            raise RuntimeError(f"{self.conf} exists and is not a test cluster's: not touching a real SLURM setup")
        self.conf.parent.mkdir(parents=True, exist_ok=True)
        key = self.home / "munge.key"
        key.write_bytes(os.urandom(128))
        key.chmod(0o600)
        self.conf.write_text(SLURM_CONF.format(
            host=socket.gethostname().split(".")[0], home=self.home, cpus=cpus, memory_mb=memory_mb,
            controller_port=_free_port(), node_port=_free_port()))
        home = self.home
        self._daemon("munged", ["munged", "--force", f"--socket={home}/munge.socket", f"--key-file={key}",
                                f"--pid-file={home}/munged.pid", f"--log-file={home}/munged.log",
                                f"--seed-file={home}/munged.seed"])
        self._daemon("slurmctld", ["slurmctld", "-f", str(self.conf)])
        self._daemon("slurmd", ["slurmd", "-f", str(self.conf)])
        self._wait_for_idle_node(timeout)
        return self

    def _daemon(self, name: str, command: list) -> None:
        """Start a daemon (it forks into the background) and record the PID it writes."""
        subprocess.run([shutil.which(command[0]) or f"/usr/sbin/{command[0]}", *command[1:]],
                       env=self.env, check=True, capture_output=True)
        pid_file = self.home / f"{name}.pid"
        for _ in range(100):
            if pid_file.exists() and pid_file.read_text().strip():
                self.pids[name] = int(pid_file.read_text())
                self.started.append(self.pids[name])
                return
            time.sleep(0.1)
        raise RuntimeError(f"{name} wrote no PID file; see {self.home}/{name}.log")

    def _wait_for_idle_node(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            state = self.run("sinfo", "--noheader", "--format=%t").stdout.strip()
            if state == "idle":
                return
            time.sleep(0.5)
        raise RuntimeError(f"the SLURM node is not idle after {timeout} s; see {self.home}/slurmd.log")

    def run(self, *command) -> subprocess.CompletedProcess:
        return subprocess.run(command, env=self.env, capture_output=True, text=True)

    def job(self, job_id: str) -> dict:
        """``scontrol show job``'s fields of one job (kept for MinJobAge after it ends)."""
        text = self.run("scontrol", "show", "job", "--oneliner", str(job_id)).stdout
        return dict(field.split("=", 1) for field in text.split() if "=" in field)

    @property
    def node(self) -> str:
        return socket.gethostname().split(".")[0]

    def queue(self) -> list:
        """Every job the controller knows, finished ones too: ``{id, comment, state, memory}``."""
        text = self.run("squeue", "--noheader", "--states=all", "--format=%i|%k|%T|%m").stdout
        return [dict(zip(("id", "comment", "state", "memory"), line.split("|"))) for line in text.splitlines()]

    def set_node(self, state: str) -> None:
        """``down`` (its running jobs are killed) or ``resume``."""
        extra = ["reason=lstm-toys test"] if state == "down" else []
        result = self.run("scontrol", "update", f"nodename={self.node}", f"state={state}", *extra)
        if result.returncode != 0:
            raise RuntimeError(f"scontrol update state={state}: {result.stderr.strip()}")

    def stop(self) -> None:
        """Stop the daemons this cluster started (only those), newest first."""
        for name in reversed(DAEMONS):
            pid = self.pids.pop(name, None)
            if pid is None:
                continue
            try:
                os.kill(pid, signal.SIGTERM)
            except ProcessLookupError:
                continue
            for _ in range(100):
                try:
                    os.kill(pid, 0)
                except ProcessLookupError:
                    break
                time.sleep(0.1)
            else:
                os.kill(pid, signal.SIGKILL)
        if self.conf.exists() and self.conf.read_text().startswith(MARK):
            self.conf.unlink()
