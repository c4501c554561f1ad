"""The `student` proxy's contract: handles, timeouts, stale handles and fresh workers."""
import contextlib

import numpy as np
import pytest

from autograder import protocol, proxy, session as sessions
from autograder.api import RNG, GraderFunction, StudentError
from autograder.in_process import InProcessSession

SUBMISSION = '''
import os, time
import numpy as np

class Bag:
    def __init__(self):
        self.items = []
    def add(self, item):
        self.items.append(item)
        return self
    def __len__(self):
        return len(self.items)
    def __getitem__(self, index):
        return self.items[index]

def merge(first, second):
    return first.items + second.items

def nap(seconds):
    time.sleep(seconds)
    return "rested"

def draw(rng):
    return rng.random(3)

def crash():
    os._exit(1)

def boom():
    raise ValueError("bad input shape")

SEEN = []

def scaled(x, factor=1):
    SEEN.append(x)
    if x == "fail":
        raise ValueError("cannot scale")
    return [x * factor, Bag()] if x == 7 else x * factor
'''


@pytest.fixture
def session(bwrap):
    session = sessions.Session(SUBMISSION, None, mode="bwrap", timeout=1.0)
    session.begin_test(None)
    yield session
    session.close()


@pytest.fixture(params=["bwrap", "in-process"])
def any_session(request, bwrap):
    """A sandboxed session and the in-process one: call_each must mean the same in both."""
    if request.param == "in-process":
        yield InProcessSession.from_code(SUBMISSION, None, timeout=1.0)
        return
    with contextlib.closing(sessions.Session(SUBMISSION, None, mode="bwrap", timeout=1.0)) as session:
        session.begin_test(None)
        yield session


class Requests:
    """The session's observer: each answered request as diagnosis's recording sees it."""

    def __init__(self):
        self.seen = []

    def __call__(self, generation, request, **outcome):
        value = outcome.get("value")
        self.seen.append((request, outcome.get("raised"), repr(value) if isinstance(value, proxy.RemoteHandle) else value))


def test_handles_forward_attributes_calls_len_and_indexing(session):
    student = proxy.StudentModule(session)
    bag = student.Bag()
    assert bag.add(3) is not None and len(bag) == 1 and bag[0] == 3 and bag.items == [3]
    other = student.Bag()
    other.add("x")
    assert student.merge(bag, other) == [3, "x"]  # handles travel back as arguments
    assert list(bag) == [3]
    assert bool(student.Bag())  # truthiness is local: no len() round trip on an empty bag


def test_markers_and_errors(session):
    student = proxy.StudentModule(session)
    assert np.array_equal(student.draw(RNG(5)), np.random.default_rng(5).random(3))
    with pytest.raises(StudentError, match="ValueError: bad input shape"):
        student.boom()
    with pytest.raises(StudentError, match="does not define `missing`"):
        student.missing
    with pytest.raises(TypeError, match="cannot send"):
        student.merge(object(), object())


def test_with_timeout_extends_the_per_call_limit(session):
    student = proxy.StudentModule(session)
    assert student.with_timeout(10).nap(1.5) == "rested"
    with pytest.raises(StudentError, match="timed out after 1 s"):
        student.nap(1.5)


def test_crash_makes_handles_stale_and_the_next_test_gets_a_fresh_worker(session):
    student = proxy.StudentModule(session)
    bag = student.Bag()
    with pytest.raises(StudentError, match="exited"):
        student.crash()
    with pytest.raises(StudentError, match="failed earlier in this test"):
        student.nap(0)
    session.begin_test(None)
    with pytest.raises(StudentError, match="stopped"):
        len(bag)
    assert student.nap(0) == "rested"


def test_call_each_is_a_loop_of_calls_in_fewer_round_trips(any_session, monkeypatch):
    """The same values (handles included), in order, and the same requests as the diagnosis recording sees
    them, as calling one at a time; more calls than go in one request."""
    monkeypatch.setattr(proxy, "CALLS_PER_REQUEST", 3)
    student = proxy.StudentModule(any_session)
    one_by_one, together = Requests(), Requests()
    scaled = student.scaled
    any_session.observer = one_by_one
    expected = [scaled(x, factor=2) for x in (1, 2.5, "ab", (4,), 7, 8, 9)]
    any_session.observer = together
    values = scaled.call_each([(1,), (2.5,), ("ab",), ((4,),), (7,), (8,), (9,)], factor=2)
    any_session.observer = None
    assert together.seen == one_by_one.seen and len(together.seen) == 7
    assert values[:4] == expected[:4] == [2, 5.0, "abab", (4, 4)] and values[5:] == expected[5:] == [16, 18]
    assert values[4][0] == 14 and len(values[4][1]) == 0  # a handle (a list holding a Bag), as a single call gives
    assert proxy.call_each(lambda x, factor: x * factor, [(1,), (2,)], factor=3) == [3, 6]  # the reference's
    assert scaled.call_each([]) == []


def test_call_each_stops_at_the_first_call_that_raises(any_session):
    """As a loop would: the calls after it never run, and the session goes on (no answer left behind)."""
    student = proxy.StudentModule(any_session)
    with pytest.raises(StudentError, match="ValueError: cannot scale"):
        student.scaled.call_each([(1,), ("fail",), (3,)])
    assert student.SEEN == [1, "fail"]
    assert student.scaled(5) == 5 and student.SEEN == [1, "fail", 5]


def test_call_each_gives_each_call_its_own_limit(session):
    """Three naps of 0.6 s under a 1 s per-call limit pass although together they take 1.8 s; one of 1.5 s
    does not, and the worker is replaced as for a single call."""
    student = proxy.StudentModule(session)
    assert student.nap.call_each([(0.6,)] * 3) == ["rested"] * 3
    with pytest.raises(StudentError, match="timed out after 1 s"):
        student.nap.call_each([(0.1,), (1.5,), (0.1,)])
    session.begin_test(None)
    assert student.nap(0) == "rested"


def test_call_each_refuses_grader_functions(any_session):
    student = proxy.StudentModule(any_session)
    with pytest.raises(TypeError, match="grader functions"):
        student.scaled.call_each([(GraderFunction(abs),)])


def test_call_each_sends_fewer_calls_at_a_time_when_their_arguments_are_large(session, monkeypatch):
    """A request over the frame limit is split (the grader's own limit: the worker keeps its own copy)."""
    monkeypatch.setattr(protocol, "MAX_FRAME_BYTES", 4000)
    student = proxy.StudentModule(session)
    words = ["w" * 900 + str(i) for i in range(8)]  # ~7 KB together, each call ~1 KB
    assert student.scaled.call_each([(word,) for word in words]) == words


def test_a_request_over_the_frame_limit_is_the_graders_fault(session, monkeypatch):
    """Refused before a byte is sent: a grader error (not StudentError), and the worker serves on."""
    monkeypatch.setattr(protocol, "MAX_FRAME_BYTES", 4000)
    student = proxy.StudentModule(session)
    with pytest.raises(protocol.FrameTooLarge):
        student.scaled("w" * 5000)
    assert student.scaled(3) == 3
