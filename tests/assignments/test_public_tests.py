"""The public tests students run with `python -m autograder check` grade in the sandbox like the hidden
suite: the reference passes every one of them, and the released stub fails every one."""
import pytest

from tests.assignments.conftest import ready_assignments


@pytest.mark.grades("public")
@pytest.mark.parametrize("assignment", ready_assignments())
def test_reference_passes_the_public_tests_through_check(grader, assignment):
    results = grader.public(assignment)  # the reference against solutions/<a>/test_public.py
    assert not results.broken, results.table()
    assert results.tests and results.score == results.max_score, results.table()
