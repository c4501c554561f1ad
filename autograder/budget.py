"""What the student's code uses, against its budget: CPU seconds of the worker's process tree read
from /proc by the grader (the student's code cannot tamper with them), or wall seconds on CUDA.

`Usage` is one metered stage's account (`student_stage(..., cpu_budget=...)`); `call_meter` watches
one call of such a stage and stops the worker once the stage overruns its budget.
"""
import os
import time
from dataclasses import dataclass

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
# A budgeted call's use is checked again once it could have overrun (the worker's tree spends at most
# one CPU second per core per wall second), but never less than WATCH_SECONDS apart: a runaway call
# stops within WATCH_SECONDS x cores of CPU past OVERRUN x its budget, and a 360 s training is read
# a few dozen times rather than every half second.
WATCH_SECONDS = 0.5
CORES = os.cpu_count() or 1
# A budgeted call may use OVERRUN x its CPU budget before the grader stops it (a correct solution
# that runs a little over is told by how much, not killed), and HANG_FACTOR x the budget of wall
# time: only a guard against a hang, wide enough for a machine shared by several gradings.
OVERRUN = 1.5
HANG_FACTOR = 6.0


class BudgetExceeded(Exception):
    """A metered stage used more than OVERRUN x its budget: the grader stops the worker."""


@dataclass
class Usage:
    """What the student's code used during a metered stage, and the budget it had.

    On the CPU the budget is in CPU seconds of the worker's process tree (as one core would spend
    them), so a grade does not depend on how busy the grading machine is; on CUDA, where CPU time
    says little, it is wall-clock seconds."""

    budget: float | None
    clock: str = "cpu"  # "cpu" or "wall"
    cpu_seconds: float = 0.0
    wall_seconds: float = 0.0

    @classmethod
    def for_device(cls, budget: float | None, device: str) -> "Usage":
        return cls(budget, "wall" if device == "cuda" else "cpu")

    @property
    def seconds(self) -> float:
        return self.cpu_seconds if self.clock == "cpu" else self.wall_seconds

    @property
    def over_budget(self) -> bool:
        return self.budget is not None and self.seconds > self.budget

    def describe(self) -> str:
        used = (f"used {self.cpu_seconds:.1f} CPU seconds (one core; {self.wall_seconds:.0f} s "
                f"of wall time)" if self.clock == "cpu" else
                f"took {self.wall_seconds:.1f} s of wall time (on the GPU the budget is wall time)")
        return used if self.budget is None else f"{used}; the budget is {self.budget:g} s"


def call_limit(timeout: float, usage: Usage | None) -> float:
    """A call's wall-clock limit: its own, or inside a budgeted stage the hang guard if wider."""
    if usage is not None and usage.budget is not None:
        return max(timeout, HANG_FACTOR * usage.budget)
    return timeout


def call_meter(cpu_seconds, usage: Usage | None):
    """(watch, finish) for one call of a metered stage, `cpu_seconds()` reading the CPU time of
    whatever runs the student's code: `watch()` raises BudgetExceeded once the stage overruns its
    budget, else returns how long to wait before calling it again; `finish` adds the call's time to
    the stage's usage."""
    if usage is None:
        return None, lambda: None
    started, cpu_before = time.monotonic(), cpu_seconds()
    seen = {"cpu": 0.0}

    def used_now() -> float:
        if usage.clock == "wall":
            return usage.seconds + time.monotonic() - started
        seen["cpu"] = max(seen["cpu"], cpu_seconds() - cpu_before)  # a dead tree reads 0
        return usage.seconds + seen["cpu"]

    def watch() -> float:
        """Raise once the stage has overrun; else the seconds until the next check."""
        used = used_now()
        if used > OVERRUN * usage.budget:
            raise BudgetExceeded(f"stopped after {used:.0f} {usage.clock.upper()} seconds, "
                                 f"{OVERRUN:g} x the budget of {usage.budget:g} s")
        return max(WATCH_SECONDS, (OVERRUN * usage.budget - used) / CORES)

    def finish():
        if usage.clock == "cpu":
            used_now()
        usage.cpu_seconds += seen["cpu"]
        usage.wall_seconds += time.monotonic() - started
    return (watch if usage.budget is not None else None), finish


def tree_cpu_seconds(root: int) -> float:
    """User + system CPU seconds of process `root` and all its descendants, read from /proc by the
    grader (the student's code cannot tamper with it); children already reaped count through
    their parents' cutime/cstime. Follows /proc/PID/task/TID/children from `root` (a handful of
    files) where the kernel has them, else reads every process's parent from all of /proc."""
    try:
        ticks = _walk_ticks(root)
    except FileNotFoundError:  # no children files in this kernel (or `root` has exited)
        ticks = _scan_ticks(root)
    return ticks / CLOCK_TICKS


def _stat(pid) -> tuple[int, int]:
    """(parent pid, utime + stime + cutime + cstime) of a process; OSError once it has exited."""
    with open(f"/proc/{pid}/stat", "rb") as handle:
        stat = handle.read()
    fields = stat[stat.rindex(b")") + 2:].split()  # the command name may hold spaces
    return int(fields[1]), sum(int(value) for value in fields[11:15])


def _walk_ticks(root: int) -> int:
    os.stat(f"/proc/{root}/task/{root}/children")  # FileNotFoundError: fall back to the scan
    total, todo, seen = 0, [root], set()
    while todo:
        pid = todo.pop()
        if pid in seen:  # reparented while we walked: count it once
            continue
        seen.add(pid)
        try:
            total += _stat(pid)[1]
            for task in os.listdir(f"/proc/{pid}/task"):
                with open(f"/proc/{pid}/task/{task}/children", "rb") as handle:
                    todo += [int(child) for child in handle.read().split()]
        except OSError:  # exited while we looked
            continue
    return total


def _scan_ticks(root: int) -> int:
    parents, ticks = {}, {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            parents[int(entry.name)], ticks[int(entry.name)] = _stat(entry.name)
        except OSError:  # exited while we looked
            continue
    children = {}
    for pid, parent in parents.items():
        children.setdefault(parent, []).append(pid)
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += ticks.get(pid, 0)
        todo += children.get(pid, [])
    return total
