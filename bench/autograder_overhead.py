"""Sandbox overhead: grade the a1 reference sandboxed vs the same hidden suite run with the
submission in-process (no worker, no sandbox), alternating, in the same run; and worker start-up.

    .venv/bin/python bench/autograder_overhead.py [--repeats 7] [--assignment a1_softmax]

Prints medians of wall time and of CPU time and their ratios (goal: <= 1.05x), the worker's start-up,
and the cost of one call of a trivial function on each side (where a suite that calls student code
thousands of times, like a3's, pays its overhead). A third peer, the worker as a plain process with no
isolation (`sandbox="none"`), splits the overhead in two: the process boundary (a fresh Python and
numpy, the requests over a pipe), which any grader that keeps student code out of its own process
pays, and the isolation itself (bwrap's namespaces, mounts and uid change). The CPU time is the whole
machine's busy time (/proc/stat): the sandboxed worker is killed, not waited for, so the kernel's count
of our children's time (getrusage) misses it. Run it on an otherwise idle machine; timings are noisy
anyway: compare the ratios, not the seconds.
"""
import argparse
import os
import statistics
import time

import autograder
from autograder import layout, sandbox
from autograder.in_process import InProcessSession
from autograder.proxy import StudentModule
from autograder.session import Session
from autograder.submission import extract_code


TICKS = os.sysconf("SC_CLK_TCK")


def machine_cpu_seconds() -> float:
    """Busy CPU seconds of the whole machine so far (every field of /proc/stat's cpu line but idle and iowait)."""
    with open("/proc/stat") as handle:
        fields = [int(value) for value in handle.readline().split()[1:]]
    return (sum(fields) - fields[3] - fields[4]) / TICKS


def grading_seconds(assignment: str, solution, mode: str) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one grading run with the student's code run as `mode` says."""
    started, cpu_started = time.perf_counter(), machine_cpu_seconds()
    results = autograder.grade(assignment, solution, sandbox=mode, unsafe_no_sandbox=mode in UNISOLATED)
    assert results.score == results.max_score, results.table()
    return time.perf_counter() - started, machine_cpu_seconds() - cpu_started


def worker_startup_seconds(code: str, mode: str) -> float:
    """From spawning the sandboxed worker to its greeting (submission loaded)."""
    session = Session(code, None, mode=mode)
    session.begin_test(None)
    try:
        started = time.perf_counter()
        session.current()
        return time.perf_counter() - started
    finally:
        session.close()


# The peers that run the student's code without a sandbox (RunSpec wants unsafe_no_sandbox for them).
UNISOLATED = ("in-process", "none")
# A call whose own work is nothing: what remains is the cost of carrying a call and its answer.
ECHO = "def echo(word, history):\n    return 0.5\n"
CALLS = 2000


def call_microseconds(session) -> float:
    """Machine CPU microseconds per call of a trivial student function (a token's probability
    asked with its history, the shape of a3's 4,575 `prob` calls), the first call (start-up) aside."""
    session.begin_test(None)
    try:
        echo = StudentModule(session).echo
        echo("warm", ("up",))
        cpu_started = machine_cpu_seconds()
        for _ in range(CALLS):
            echo("word", ("the", "cat"))
        return (machine_cpu_seconds() - cpu_started) / CALLS * 1e6
    finally:
        session.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--assignment", default="a1_softmax")
    args = parser.parse_args()
    solution = layout.course().assignment(args.assignment).reference
    mode = sandbox.choose_mode()
    modes = ("in-process", "none", mode)
    times = {name: [] for name in modes}
    for _ in range(args.repeats):  # alternate so drifting load hits every side alike
        for name in modes:
            times[name].append(grading_seconds(args.assignment, solution, name))
    code = extract_code(solution)
    startup = [worker_startup_seconds(code, mode) for _ in range(args.repeats)]
    print(f"{args.assignment}, {args.repeats} runs each, medians:")
    for index, clock in ((0, "wall"), (1, "CPU")):
        median = {name: statistics.median(run[index] for run in times[name]) for name in modes}
        print(f"  {clock}: in-process (unsandboxed) {median['in-process']:.2f} s, worker process without "
              f"isolation {median['none']:.2f} s, sandboxed ({mode}) {median[mode]:.2f} s")
        for ours, peer, what in ((mode, "in-process", "overhead ratio, sandboxed / in-process (goal <= 1.05x)"),
                                 ("none", "in-process", "  of which the process boundary, no isolation / in-process"),
                                 (mode, "none", f"  and the isolation itself, {mode} / no isolation")):
            # Each run against its peer of the same round: the machine's drift between rounds (10-15%
            # here) cancels within a pair, so the pairs' spread says how far to trust the ratio.
            pairs = sorted(a[index] / b[index] for a, b in zip(times[ours], times[peer]))
            print(f"    {what}: {median[ours] / median[peer]:.2f}x; pairwise {pairs[0]:.2f}-{pairs[-1]:.2f}x, "
                  f"median {statistics.median(pairs):.2f}x")
    print(f"  worker start-up (spawn to submission loaded): {statistics.median(startup):.2f} s")
    calls = {"in-process": [], mode: []}
    for _ in range(args.repeats):
        calls["in-process"].append(call_microseconds(InProcessSession.from_code(ECHO, None)))
        calls[mode].append(call_microseconds(Session(ECHO, None, mode=mode)))
    print(f"  one call of a trivial function, machine CPU: in-process {statistics.median(calls['in-process']):.0f} us, "
          f"sandboxed {statistics.median(calls[mode]):.0f} us")


if __name__ == "__main__":
    main()
