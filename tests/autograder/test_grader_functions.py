"""Grader-side functions: a test hands student code a function that runs in the grader.

The contract (api.GraderFunction): the student's code calls a stub; plain-data arguments travel back,
the grader runs the function and returns plain data; nothing of the grader's function enters the
worker; a call budget applies; misuse is the student's fault, the function's own exceptions the
grader's. Checked on the sandboxed session and, for parity, on the in-process one.
"""
import numpy as np
import pytest

from autograder import proxy, session as sessions
from autograder.api import GraderFunction, StudentError
from autograder.in_process import InProcessSession

SECRET = 271828.0  # lives only in the grader: no answer from the student's code may contain it

SUBMISSION = '''
import json, os, sys, time
import numpy as np

SAVED = []

def apply(function, *args, **kwargs):
    return function(*args, **kwargs)

def apply_twice(function, x):
    return function(function(x))

def call_many(function, n):
    total = 0.0
    for i in range(n):
        total += function(float(i))
    return total

def catch_and_continue(function, x):
    try:
        function(x)
    except BaseException:
        pass
    return "carried on"

def save(function):
    SAVED.append(function)
    return len(SAVED)

def call_saved(x):
    return SAVED[0](x)

def snoop(function):
    """Everything the stub exposes, as text: it must not hold the grader's function or data."""
    seen = [repr(function), repr(getattr(function, "__closure__", None)), repr(function.__code__.co_consts),
            repr(function.__code__.co_names), repr(sorted(function.__globals__))]
    for cell in function.__closure__ or ():
        seen.append(repr(cell.cell_contents))
        seen.append(repr(getattr(cell.cell_contents, "__closure__", None)))
    return " ".join(seen)

def pass_object(function):
    return function(object())

def forge(key, args):
    """Write a raw grader call on the channel, bypassing the stub."""
    protocol = sys.modules["protocol"]
    requests, answers = (int(fd) for fd in next(a for a in sys.argv if a.startswith("--channel="))
                         .split("=", 1)[1].split(","))
    protocol.write_frame(answers, {"grader_call": key, "args": args, "kwargs": {"__ag__": "dict", "items": []}})
    return protocol.read_frame(requests)

def forge_during(function, key, args):
    return forge(key, args)

def nap_inside(function):
    return function(0.0)
'''


def secret_scale(x):
    """A grader-side function whose closure holds SECRET."""
    return np.asarray(x, dtype=np.float64) * 2.0 + (0.0 * SECRET)


@pytest.fixture(params=["bwrap", "in-process"])
def student(request):
    if request.param == "bwrap":
        request.getfixturevalue("bwrap")
        session = sessions.Session(SUBMISSION, None, mode="bwrap", timeout=1.0)
    else:
        session = InProcessSession.from_code(SUBMISSION, None, timeout=1.0)
    session.begin_test(None)
    yield proxy.StudentModule(session)
    session.close()


def test_student_code_calls_the_grader_function_with_plain_data(student):
    seen = []

    def record(x, scale=1.0):
        seen.append((type(x), np.array(x)))
        return {"sum": float(np.sum(x)) * scale, "shape": np.shape(x)}

    result = student.apply(GraderFunction(record), np.arange(3.0), scale=2.0)
    assert result == {"sum": 6.0, "shape": (3,)}
    assert seen[0][0] is np.ndarray and np.array_equal(seen[0][1], np.arange(3.0))
    assert np.array_equal(student.apply_twice(GraderFunction(secret_scale), np.ones(2)), np.full(2, 4.0))


@pytest.fixture
def sandboxed(bwrap):
    session = sessions.Session(SUBMISSION, None, mode="bwrap", timeout=2.0)
    session.begin_test(None)
    yield proxy.StudentModule(session)
    session.close()


def test_nothing_of_the_grader_function_reaches_the_student(sandboxed):
    exposed = sandboxed.snoop(GraderFunction(secret_scale))
    assert str(SECRET) not in exposed and "secret_scale" not in exposed and "SECRET" not in exposed


def test_the_call_budget_is_the_students_to_respect(student):
    assert student.call_many(GraderFunction(float, max_calls=5), 5) == 10.0
    with pytest.raises(StudentError, match="more than 5 times"):
        student.call_many(GraderFunction(float, max_calls=5), 6)


def test_bad_arguments_are_the_students_fault_even_when_caught(student):
    def checked(x):
        assert np.ndim(x) == 1, "expected a vector"
        return 1.0

    with pytest.raises(StudentError, match="refuses: expected a vector"):
        student.catch_and_continue(GraderFunction(checked), 3.0)
    student_session = object.__getattribute__(student, "_session")
    student_session.begin_test(None)
    with pytest.raises(StudentError, match="wrong arguments"):
        student.apply(GraderFunction(checked), 1.0, 2.0, 3.0)
    student_session.begin_test(None)
    with pytest.raises(StudentError, match="not plain data"):
        student.pass_object(GraderFunction(checked))


def test_the_grader_functions_own_faults_are_the_graders(student):
    def broken(x):
        raise KeyError("a bug in the test")

    with pytest.raises(KeyError, match="a bug in the test"):
        student.catch_and_continue(GraderFunction(broken), 1.0)
    object.__getattribute__(student, "_session").begin_test(None)
    with pytest.raises(TypeError, match="not plain data"):
        student.apply(GraderFunction(lambda x: object()), 1.0)
    object.__getattribute__(student, "_session").begin_test(None)
    assert student.apply(GraderFunction(abs), -2) == 2  # the next test has a working submission


def test_a_grader_function_lives_only_during_the_call_that_handed_it_over(student):
    assert student.save(GraderFunction(abs)) == 1
    with pytest.raises(StudentError):
        student.call_saved(-1)


def test_time_in_the_grader_does_not_count_against_the_students_limit(student):
    def slow(x):
        import time
        time.sleep(1.5)
        return x

    assert student.nap_inside(GraderFunction(slow)) == 0.0  # the per-call limit is 1 s


def test_forged_grader_calls_are_refused(sandboxed):
    session = object.__getattribute__(sandboxed, "_session")
    with pytest.raises(StudentError, match="did not hand it"):
        sandboxed.forge_during(GraderFunction(abs), 7, [1])
    session.begin_test(None)
    with pytest.raises(StudentError, match="not plain data"):  # a handle smuggled as an argument
        sandboxed.forge_during(GraderFunction(abs), 0, [{"__ag__": "handle", "id": 0}])
    session.begin_test(None)
    with pytest.raises(StudentError, match="did not hand it"):  # no grader function in this call at all
        sandboxed.forge(0, [1])
