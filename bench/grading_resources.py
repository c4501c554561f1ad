"""Resources of one grading run, per assignment: the reference notebook graded with
`autograder.grade(a, solutions/<a>/<a>.ipynb)`, measured on the grader (the run's grading process,
`python -m autograder.grading_process`, which runs pytest) and on the worker (the sandbox's whole
process tree: bwrap, setpriv, the student's Python and any child it starts).

    .venv/bin/python bench/grading_resources.py [--assignments a1_softmax a3_ngram ...]

Prints one row per assignment: wall seconds, peak RSS (MiB) and CPU seconds of the grader and of
the worker, and the total as the kernel counts it. These are the numbers the instructor guide turns
into Gradescope's container size, the Dask worker's memory limit and the Docker run flags.

How it measures: each assignment is graded in a fresh subprocess of this script (`--one A`), so
the kernel's totals for its children belong to that one run. In that subprocess a thread polls
/proc every 50 ms for every descendant process and sorts it into grader (the grading process) or
worker (the sandbox launcher below it and everything under that):
- peak RSS: the grader's is its own high-water mark (VmHWM, kept by the kernel: exact); the
  worker's is the largest sum of VmRSS over its tree at one poll, or its largest single VmHWM if
  that is larger (a peak shorter than 50 ms between polls is caught by VmHWM only per process);
- CPU seconds: user + system time of each process as last seen (a process's last <= 50 ms and
  processes that live < 50 ms are missed), summed over the grader's or the worker's processes;
- both: the largest sum of VmRSS over grader and worker at one poll (what a container holding
  one grading run must fit), and the sum of their CPU seconds;
- a cross-check: getrusage(RUSAGE_CHILDREN).ru_maxrss after the run, the largest peak RSS of any
  single reaped descendant (the kernel's count; it should equal the larger of the two peaks, or
  the grader's, since the SIGKILLed sandbox is often not reaped through us). Its CPU times are not
  used for the same reason: the sandbox's CPU would be missing.
The process that calls grade() (this one, or a Dask worker or batch process) is not counted: it
only waits on the grading run (about 60-100 MiB of Python and the engine).
"""
import argparse
import json
import os
import resource
import subprocess
import sys
import threading
import time
from pathlib import Path

ASSIGNMENTS = ("a1_softmax", "a2_sgns", "a3_ngram", "a4_rnn")
TICKS = os.sysconf("SC_CLK_TCK")
PAGE = os.sysconf("SC_PAGE_SIZE")
POLL_SECONDS = 0.05
SANDBOX_LAUNCHERS = ("bwrap", "unshare")
GRADING_PROGRAMS = ("pytest", "autograder.grading_process")  # what grade() runs: `python -m ...`


def _parent_and_cpu(pid: int):
    """(parent pid, own user + system CPU seconds) of a process, or None if it is gone."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as handle:
            stat = handle.read()
    except OSError:
        return None
    fields = stat[stat.rindex(b")") + 2:].split()  # the command name may hold spaces
    return int(fields[1]), (int(fields[11]) + int(fields[12])) / TICKS


def _memory(pid: int) -> tuple[int, int]:
    """(VmRSS, VmHWM) in bytes; zeros if the process is gone."""
    rss = hwm = 0
    try:
        with open(f"/proc/{pid}/status", "rb") as handle:
            for line in handle:
                if line.startswith(b"VmHWM:"):
                    hwm = int(line.split()[1]) * 1024
                elif line.startswith(b"VmRSS:"):
                    rss = int(line.split()[1]) * 1024
    except OSError:
        pass
    return rss, hwm


def _program(pid: int) -> list[str]:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as handle:
            return [arg.decode("utf-8", "replace") for arg in handle.read().split(b"\0")[:3]]
    except OSError:
        return []


class TreePoller(threading.Thread):
    """Polls this process's descendants and keeps what each side used."""

    def __init__(self):
        super().__init__(daemon=True)
        self.root, self.stopped = os.getpid(), threading.Event()
        self.cpu, self.hwm, self.side, self.argv = {}, {}, {}, {}  # pid -> last own CPU s, VmHWM, grader|worker
        self.peak_tree = {"grader": 0, "worker": 0, "all": 0}

    def run(self):
        while not self.stopped.is_set():
            self.poll()
            time.sleep(POLL_SECONDS)
        self.poll()

    def poll(self):
        seen = {}  # every process's (parent, CPU); memory and argv only for our descendants
        for name in os.listdir("/proc"):
            if name.isdigit():
                info = _parent_and_cpu(int(name))
                if info:
                    seen[int(name)] = info
        children = {}
        for pid, (parent, _) in seen.items():
            children.setdefault(parent, []).append(pid)
        rss = {"grader": 0, "worker": 0}
        todo = [(pid, None) for pid in children.get(self.root, [])]
        while todo:
            pid, side = todo.pop()
            cpu = seen[pid][1]
            if pid not in self.argv:
                self.argv[pid] = _program(pid)
            argv = self.argv[pid]
            if side is None and any(arg in GRADING_PROGRAMS for arg in argv[:3]):
                side = "grader"
            elif side == "grader" and argv and os.path.basename(argv[0]) in SANDBOX_LAUNCHERS:
                side = "worker"
            if side is not None:
                resident, hwm = _memory(pid)
                key = (pid, side)  # pids are not reused within one short run in practice
                self.side[pid] = side
                self.cpu[key] = max(self.cpu.get(key, 0.0), cpu)
                self.hwm[key] = max(self.hwm.get(key, 0), hwm)
                rss[side] += resident
            todo += [(child, side) for child in children.get(pid, [])]
        for side in rss:
            self.peak_tree[side] = max(self.peak_tree[side], rss[side])
        self.peak_tree["all"] = max(self.peak_tree["all"], rss["grader"] + rss["worker"])

    def report(self) -> dict:
        def side_sum(table, side, how=sum):
            return how([value for (pid, s), value in table.items() if s == side] or [0])
        return {"grader_rss": side_sum(self.hwm, "grader", max),
                "worker_rss": max(self.peak_tree["worker"], side_sum(self.hwm, "worker", max)),
                "tree_rss": self.peak_tree["all"],
                "grader_cpu": side_sum(self.cpu, "grader"), "worker_cpu": side_sum(self.cpu, "worker"),
                "worker_processes": sum(1 for (pid, s) in self.cpu if s == "worker")}


def measure_one(assignment: str) -> dict:
    import autograder
    from autograder import layout
    poller = TreePoller()
    poller.start()
    started = time.perf_counter()
    results = autograder.grade(assignment, layout.course().assignment(assignment).reference)
    wall = time.perf_counter() - started
    poller.stopped.set()
    poller.join()
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {"assignment": assignment, "wall": wall, "score": results.score,
            "max_score": results.max_score, "status": results.status, **poller.report(),
            "children_maxrss": usage.ru_maxrss * 1024}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--assignments", nargs="+", default=list(ASSIGNMENTS), choices=ASSIGNMENTS)
    parser.add_argument("--one", choices=ASSIGNMENTS, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure_one(args.one)))
        return
    mib = 1024 * 1024
    print(f"{'assignment':<11} {'status':>6} {'score':>9} {'wall s':>7} {'grader MiB':>10} "
          f"{'grader CPU s':>12} {'worker MiB':>10} {'worker CPU s':>12} {'both MiB':>8} "
          f"{'both CPU s':>10} {'max 1 proc MiB':>14}", flush=True)
    for assignment in args.assignments:
        run = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--one", assignment],
                             capture_output=True, text=True)
        if run.returncode:
            print(f"{assignment:<11} failed: {run.stderr.strip().splitlines()[-1:]}", flush=True)
            continue
        row = json.loads(run.stdout.strip().splitlines()[-1])
        print(f"{assignment:<11} {row['status']:>6} {row['score']:>4g}/{row['max_score']:<4g} "
              f"{row['wall']:>7.1f} {row['grader_rss'] / mib:>10.0f} {row['grader_cpu']:>12.1f} "
              f"{row['worker_rss'] / mib:>10.0f} {row['worker_cpu']:>12.1f} "
              f"{row['tree_rss'] / mib:>8.0f} {row['grader_cpu'] + row['worker_cpu']:>10.1f} "
              f"{row['children_maxrss'] / mib:>14.0f}", flush=True)


if __name__ == "__main__":
    main()
