"""No credit for nothing: a submission whose every graded function returns zeros of the right shape
scores 0 on the whole hidden suite of every assignment (slow tests included), and its grading
completes (no grader error)."""
import pytest

from tests.assignments.conftest import ready_assignments


@pytest.mark.slow
@pytest.mark.grades("zeros")
@pytest.mark.parametrize("assignment", ready_assignments())
def test_all_zeros_scores_nothing(grader, assignment):
    results = grader.zeros(assignment)  # tests/assignments/zeros.py's submission, whole suite
    assert not results.broken, results.table()
    scored = [f"{t.name}: {t.score:g}/{t.max_score:g}" for t in results.tests if t.score > 0]
    assert not scored, f"an all-zeros submission of {assignment} scores on: {scored}"
