"""CPU budgets: the worker tree's CPU read from /proc, and how often a budgeted call is checked."""
import subprocess
import sys
import time

import pytest

from autograder import budget
from autograder.budget import BudgetExceeded, Usage, call_meter, tree_cpu_seconds

BUSY_GRANDCHILD = ("import subprocess, sys; subprocess.run([sys.executable, '-c', "
                   "'import time\\nend = time.process_time() + 0.6\\nwhile time.process_time() < end: pass\\n"
                   "time.sleep(30)'])")


def test_the_tree_counts_grandchildren_while_they_run():
    process = subprocess.Popen([sys.executable, "-c", BUSY_GRANDCHILD])
    try:
        deadline = time.monotonic() + 30
        while tree_cpu_seconds(process.pid) < 0.6 and time.monotonic() < deadline:
            time.sleep(0.1)
        assert tree_cpu_seconds(process.pid) >= 0.6
        assert budget._scan_ticks(process.pid) >= 0.6 * budget.CLOCK_TICKS  # the fallback agrees
    finally:
        process.kill()
        process.wait()


def test_checks_come_sooner_as_the_budget_runs_out(monkeypatch):
    monkeypatch.setattr(budget, "CORES", 2)
    used = {"cpu": 0.0}
    watch, finish = call_meter(lambda: used["cpu"], Usage(budget=100.0))
    assert watch() == pytest.approx(75.0)  # 150 CPU s left, two cores: nothing can overrun sooner
    used["cpu"] = 149.9
    assert watch() == budget.WATCH_SECONDS
    used["cpu"] = 150.5
    with pytest.raises(BudgetExceeded):
        watch()
    finish()
