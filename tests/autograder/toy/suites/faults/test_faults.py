"""A toy suite with a grader bug that only some submissions reach, for the batch's fault tests."""
import pytest


@pytest.mark.points(1)
def test_answer(student):
    """answer() returns 42"""
    assert student.answer() == 42, "answer() must return 42"


@pytest.mark.points(1)
@pytest.mark.worker_timeout(300)
def test_mood(student):
    """the suite copes with every mood"""
    mood = student.mood()
    if mood == "unusual":
        {}["a case the suite's author forgot"]  # a KeyError: the suite's fault, not the student's
    assert mood == "fine", "mood() must return 'fine'"
