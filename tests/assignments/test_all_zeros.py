"""No credit for nothing: a submission whose every graded function returns zeros of the right shape
scores 0 on the whole hidden suite of every assignment (slow tests included), and its grading
completes (no grader error)."""
import pytest

import autograder
from tests.assignments.conftest import ready_assignments
from tests.assignments.zeros import zeros_code


@pytest.mark.slow
@pytest.mark.parametrize("assignment", ready_assignments())
def test_all_zeros_scores_nothing(grader, assignment, tmp_path):
    submission = tmp_path / f"{assignment}_zeros.py"
    submission.write_text(zeros_code(assignment))
    results = autograder.grade(assignment, submission)
    assert not results.broken, results.table()
    scored = [f"{t.name}: {t.score:g}/{t.max_score:g}" for t in results.tests if t.score > 0]
    assert not scored, f"an all-zeros submission of {assignment} scores on: {scored}"
