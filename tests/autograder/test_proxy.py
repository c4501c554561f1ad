"""The `student` proxy's contract: handles, timeouts, stale handles and fresh workers."""
import numpy as np
import pytest

from autograder import proxy, session as sessions
from autograder.api import RNG, StudentError

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
'''


@pytest.fixture
def session(bwrap):
    session = sessions.Session(SUBMISSION, None, mode="bwrap", timeout=1.0)
    session.begin_test(None)
    yield session
    session.close()


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
