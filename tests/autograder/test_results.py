"""The internal form of grading results is lossless: every field of Results, TestResult and Measurement
survives to_dict -> strict JSON -> from_dict, through a file and through the batch's gradebook; a field
added without round-trip support fails here. Gradescope's results.json is only an export."""
import dataclasses
import json
import math
import types
import typing

import pytest

from autograder.gradebook import Gradebook
from autograder.results import FORMAT, Measurement, Results
from autograder.results import TestResult as GradedTest  # not "Test...": pytest would collect it


def unlike_default(kind, name: str, serial: int, default=None):
    """A value of type `kind` for the field `name` unlike its `default` (serial tells items apart)."""
    if typing.get_origin(kind) in (typing.Union, types.UnionType):
        (kind,) = [arg for arg in typing.get_args(kind) if arg is not type(None)]
    if typing.get_origin(kind) is list:
        (item,) = typing.get_args(kind)
        return [unlike_default(item, name, serial), unlike_default(item, name, serial + 1)]
    if dataclasses.is_dataclass(kind):
        return every_field_set(kind, serial)
    if kind is bool:
        return not default
    if kind is float:
        return math.inf if name == "value" else 7.25 + serial
    if kind is int:
        return 7 + serial
    if kind is str:
        return f"{name} {serial}\nwith a second line, unicode \u00e9 and \"quotes\""
    raise AssertionError(f"no test value for a field of type {kind!r} ({name}): teach this test "
                         f"and Results.to_dict/from_dict that type")


def every_field_set(kind, serial: int = 0):
    """An instance of the dataclass `kind` with every field different from its default."""
    hints = typing.get_type_hints(kind)
    values = {}
    for field in dataclasses.fields(kind):
        default = field.default if field.default is not dataclasses.MISSING else (
            field.default_factory() if field.default_factory is not dataclasses.MISSING else None)
        value = unlike_default(hints[field.name], field.name, serial, default)
        assert value != default, f"{kind.__name__}.{field.name}: the test value equals the default"
        values[field.name] = value
    return kind(**values)


def test_every_field_survives_the_round_trip_through_strict_json():
    results = every_field_set(Results)
    assert results.tests[0].printed and results.measurements[0].value == math.inf and results.log
    text = json.dumps(results.to_dict(), allow_nan=False)
    again = Results.from_dict(json.loads(text))
    assert again == results
    for name in ("tests", "measurements"):  # items come back as their classes, not as dicts
        assert [type(item) for item in getattr(again, name)] == [type(item) for item in getattr(results, name)]
    assert json.dumps(again.to_dict(), allow_nan=False) == text


def test_the_round_trip_covers_a_broken_run_and_says_it_has_no_score(tmp_path):
    broken = Results("a1_softmax", [GradedTest("t", 5.0, status="error", output="test_x.py:3: NameError",
                                               printed="hello\n")], grader_errors=["conftest.py:1: boom"],
                     log="the grading process's output")
    path = tmp_path / "results.json"
    broken.write_json(path)
    data = json.loads(path.read_text())
    assert (data["format"], data["status"], data["score"]) == (FORMAT, "error", None)
    assert Results.read_json(path) == broken
    assert data["tests"][0]["printed"] == "hello\n", "a broken run's tests stay where they are"


def test_the_gradebook_keeps_the_internal_form(tmp_path):
    graded, broken = every_field_set(Results), every_field_set(Results, serial=3)
    graded.grader_errors = []
    for test in graded.tests:
        test.status = "passed"
    assert not graded.broken and broken.broken
    book = Gradebook(tmp_path / "gradebook.sqlite")
    try:
        book.record("a4_rnn", "alice", "sha-a", graded)
        book.record_error("a4_rnn", "bob", "sha-b", broken)
        assert Results.from_dict(book.graded_results("a4_rnn")["alice"]) == graded
        (stored,) = book.connection.execute("SELECT results_json FROM errors WHERE student = 'bob'").fetchone()
        assert Results.from_dict(json.loads(stored)) == broken
    finally:
        book.close()


def test_other_data_is_refused_not_misread():
    exported = every_field_set(Results).to_gradescope()
    with pytest.raises(ValueError, match="format"):
        Results.from_dict(exported)  # Gradescope's export is one way
    with pytest.raises(ValueError, match="no fields"):
        Results.from_dict({**Results("a1").to_dict(), "surprise": 1})


def test_printed_output_is_kept_apart_and_shown_after_the_message():
    test = GradedTest("t", 2.0, status="failed", output="softmax: max abs error 0.3", printed="debug 1\n")
    exported = Results("a1", [test]).to_gradescope()["tests"][0]["output"]
    assert exported == "softmax: max abs error 0.3\n--- your code printed ---\ndebug 1\n"
    assert test.output == "softmax: max abs error 0.3"
    assert "--- your code printed ---\ndebug 1" in Results("a1", [test]).feedback_markdown("someone")
