"""Every assignment's graded results.json has the shape Gradescope reads (its documented keys and
types), and a4's carries leaderboard entries; a broken run's has no score anywhere."""
import json

import jsonschema
import pytest

from autograder.results import Results
from autograder.results import TestResult as GradedTest  # not "Test...": pytest would collect it
from tests.assignments.conftest import ready_assignments

NUMBER = {"type": "number"}
TEST = {"type": "object", "required": ["name", "status"], "properties": {
    "name": {"type": "string"}, "score": NUMBER, "max_score": NUMBER, "output": {"type": "string"},
    "status": {"enum": ["passed", "failed"]}, "visibility": {
        "enum": ["visible", "hidden", "after_due_date", "after_published"]},
    "extra_data": {"type": "object"}}}
LEADERBOARD_ENTRY = {"type": "object", "required": ["name", "value"], "additionalProperties": False,
                     "properties": {"name": {"type": "string"}, "value": NUMBER,
                                    "order": {"enum": ["asc", "desc"]}}}
RESULTS = {"type": "object", "required": ["tests"], "properties": {
    "score": NUMBER, "execution_time": NUMBER, "output": {"type": "string"},
    "tests": {"type": "array", "items": TEST},
    "leaderboard": {"type": "array", "items": LEADERBOARD_ENTRY, "minItems": 1},
    "extra_data": {"type": "object"}}}


def valid(data: dict) -> dict:
    """`data` after a round trip through strict JSON, validated against Gradescope's format."""
    data = json.loads(json.dumps(data, allow_nan=False))
    jsonschema.validate(data, RESULTS)
    return data


@pytest.mark.slow
@pytest.mark.grades("reference")
@pytest.mark.parametrize("assignment", ready_assignments())
def test_reference_results_are_gradescope_results(grader, assignment):
    data = valid(grader.reference(assignment).to_gradescope())
    assert data["score"] == sum(test["score"] for test in data["tests"])
    if assignment == "a4_rnn":
        names = [entry["name"] for entry in data["leaderboard"]]
        assert names[0].startswith("test perplexity") and data["leaderboard"][0]["order"] == "asc", names


def test_a_broken_run_is_gradescope_results_without_a_score():
    broken = Results("a1_softmax", [GradedTest("t", 5.0, status="error", output="test_x.py:3: NameError")])
    data = valid(broken.to_gradescope())
    assert "score" not in data and all("score" not in test for test in data["tests"])
    assert "GRADING FAILED" in data["output"] and "test_x.py:3" in data["output"]
