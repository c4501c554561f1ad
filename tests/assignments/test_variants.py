"""Meta-tests of every assignment: the reference gets full marks, the released stub zero on every
implementation test, each bug_ variant loses points and each ok_ variant keeps full marks."""
import ast

import pytest

from tests.assignments.conftest import all_variants, ready_assignments

ASSIGNMENTS = ready_assignments()
VARIANTS = all_variants()


def failures(results) -> str:
    return "\n".join(f"{t.name}: {t.score:g}/{t.max_score:g} {t.output[:300]}"
                     for t in results.tests if t.score < t.max_score) or results.table()


@pytest.mark.slow
@pytest.mark.grades("reference")
@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_reference_gets_full_marks(grader, assignment):
    results = grader.reference(assignment)
    assert results.tests, f"the hidden suite of {assignment} graded nothing"
    assert results.score == results.max_score, failures(results)


@pytest.mark.grades("stub")
@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_released_stub_gets_zero(grader, assignment):
    results = grader.stub(assignment)
    scored = [f"{t.name}: {t.score:g}" for t in results.tests if t.uses_student and t.score > 0]
    assert not scored, f"the released stub of {assignment} scores on: {scored}"


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_variant_catalogue_is_big_enough(assignment):
    kinds = [v.kind for v in VARIANTS if v.assignment == assignment]
    assert kinds.count("bug") >= 10 and kinds.count("ok") >= 3, \
        f"{assignment} needs at least 10 bug_ and 3 ok_ variants in autograder/suites/{assignment}/variants/"


@pytest.mark.parametrize("variant", VARIANTS, ids=str)
def test_variant(grader, variant):
    docstring = ast.get_docstring(ast.parse(variant.path.read_text()))
    assert docstring, f"{variant.path.name} needs a docstring saying what it changes"
    results = grader.variant(variant)
    assert results.tests, f"select expression {variant.select!r} ran no test"
    if variant.kind == "bug":
        assert results.score < results.max_score, f"{variant} kept full marks: {docstring}"
    else:
        assert results.score == results.max_score, failures(results)
