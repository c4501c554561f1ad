"""Sandbox overhead: grade the a1 reference sandboxed vs the same hidden suite run with the
submission in-process (no worker, no sandbox), alternating, in the same run; and worker start-up.

    .venv/bin/python bench/autograder_overhead.py [--repeats 7] [--assignment a1_softmax]

Prints medians of wall time and of CPU time and their ratios (goal: <= 1.05x), the worker's start-up,
and the cost of one call of a trivial function on each side (where a suite that calls student code
thousands of times, like a3's, pays its overhead). The CPU time is the whole machine's busy time
(/proc/stat): the sandboxed worker is killed, not waited for, so the kernel's count of our children's
time (getrusage) misses it. Run it on an otherwise idle machine; timings are noisy anyway: compare
the ratios, not the seconds.
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


def grading_seconds(assignment: str, solution, mode: str | None) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one grading run."""
    started, cpu_started = time.perf_counter(), machine_cpu_seconds()
    results = autograder.grade(assignment, solution, sandbox=mode, unsafe_no_sandbox=mode is not None)
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
    times = {"in-process": [], mode: []}
    for _ in range(args.repeats):  # alternate so drifting load hits both sides alike
        times["in-process"].append(grading_seconds(args.assignment, solution, "in-process"))
        times[mode].append(grading_seconds(args.assignment, solution, None))
    code = extract_code(solution)
    startup = [worker_startup_seconds(code, mode) for _ in range(args.repeats)]
    print(f"{args.assignment}, {args.repeats} runs each, medians:")
    for index, clock in ((0, "wall"), (1, "CPU")):
        sandboxed = statistics.median(run[index] for run in times[mode])
        in_process = statistics.median(run[index] for run in times["in-process"])
        # Each sandboxed run against the in-process run just before it: the machine's drift between
        # pairs (10-15% here) cancels within a pair, so their spread says how far to trust the ratio.
        pairs = sorted(ours[index] / peer[index] for ours, peer in zip(times[mode], times["in-process"]))
        print(f"  {clock}: in-process (unsandboxed) {in_process:.2f} s, sandboxed ({mode}) {sandboxed:.2f} s, "
              f"overhead ratio {sandboxed / in_process:.2f}x (goal <= 1.05x); pairwise ratios "
              f"{pairs[0]:.2f}-{pairs[-1]:.2f}x, median {statistics.median(pairs):.2f}x")
    print(f"  worker start-up (spawn to submission loaded): {statistics.median(startup):.2f} s")
    calls = {"in-process": [], mode: []}
    for _ in range(args.repeats):
        calls["in-process"].append(call_microseconds(InProcessSession.from_code(ECHO, None)))
        calls[mode].append(call_microseconds(Session(ECHO, None, mode=mode)))
    print(f"  one call of a trivial function, machine CPU: in-process {statistics.median(calls['in-process']):.0f} us, "
          f"sandboxed {statistics.median(calls[mode]):.0f} us")


if __name__ == "__main__":
    main()
