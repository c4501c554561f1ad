"""A toy suite of CPU budgets: what a stage is charged, and what happens past its budget."""
import pytest

BUDGET = 1.0


@pytest.fixture(scope="session")
def sleeping(student_stage, student):
    return student_stage("sleep(2)", lambda: student.sleep(2.0), cpu_budget=BUDGET)


@pytest.mark.points(1)
def test_sleeping_costs_no_cpu(sleeping):
    """sleeping is not charged to the budget"""
    assert not sleeping.usage.over_budget, sleeping.usage.describe()
    assert sleeping.usage.wall_seconds >= 2.0, "the stage's wall time was not measured"


@pytest.mark.points(1)
def test_work_within_budget(student_stage, student):
    """0.3 CPU seconds of work within a budget of 1"""
    stage = student_stage("burn(0.3)", lambda: student.burn(0.3), cpu_budget=BUDGET)
    assert not stage.usage.over_budget, stage.usage.describe()
    assert stage.usage.cpu_seconds >= 0.25, f"charged too little: {stage.usage.describe()}"


@pytest.mark.points(1)
def test_work_over_budget(student_stage, student):
    """1.2 CPU seconds of work against a budget of 1"""
    stage = student_stage("burn(1.2)", lambda: student.burn(1.2), cpu_budget=BUDGET)
    assert not stage.usage.over_budget, stage.usage.describe()


@pytest.mark.points(1)
def test_runaway_work_is_stopped(student_stage, student):
    """work that never ends is stopped at 1.5 x the budget"""
    student_stage("burn(60)", lambda: student.burn(60.0), cpu_budget=BUDGET)


@pytest.mark.points(1)
def test_child_processes_are_charged(student_stage, student):
    """the CPU time of a child process counts"""
    stage = student_stage("burn_in_child(0.5)", lambda: student.burn_in_child(0.5), cpu_budget=BUDGET)
    assert stage.usage.cpu_seconds >= 0.4, f"charged too little: {stage.usage.describe()}"


@pytest.mark.points(1)
def test_keywords_are_told(student):
    """accepts_keyword tells which keywords a function takes"""
    assert student.burn.accepts_keyword("seconds"), "burn takes `seconds`"
    assert not student.burn.accepts_keyword("time_budget"), "burn takes no `time_budget`"
    assert student.flexible.accepts_keyword("time_budget"), "flexible takes **options"


@pytest.mark.points(1)
@pytest.mark.measurement
def test_measures_its_work(student_stage, student, measured):
    """the measured CPU seconds of 0.2 seconds of work are reported"""
    stage = student_stage("burn(0.2)", lambda: student.burn(0.2), cpu_budget=BUDGET)
    measured("CPU seconds of burn(0.2)", stage.usage.cpu_seconds, bar=BUDGET, unit=" s", leaderboard=True)
    assert not stage.usage.over_budget, stage.usage.describe()
