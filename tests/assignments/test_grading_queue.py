"""The meta-tests' background gradings (tests/assignments/conftest.py): each content is graded once, and a
test waiting for a grading that has not started moves it to the front of the queue."""
import threading
import time
from pathlib import Path

from autograder.results import Results
from tests.assignments.conftest import Grader, Grading, Variant, all_variants, needed_gradings


def wait_until(condition, seconds=10.0):
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "the queue did not get there in time"
        time.sleep(0.01)


def test_one_grading_per_content_and_the_waiting_test_goes_first(tmp_path):
    graded, first_may_end = [], threading.Event()

    def fake_grade(assignment, submission, **options):
        graded.append(submission.name)
        if len(graded) == 1:
            first_may_end.wait(10)
        return Results(assignment, log=str(submission))

    copies = []
    for folder in ("one", "two"):  # the same variant twice: the same content, graded once
        path = tmp_path / folder / "bug_same.py"
        path.parent.mkdir()
        path.write_text('"""The same bug."""\n')
        copies.append(Grading("variant", "a1_softmax", Variant("a1_softmax", path)))
    reference, stub = Grading("reference", "a1_softmax"), Grading("stub", "a1_softmax")
    grader = Grader(tmp_path / "work", parallel=1, grade=fake_grade)
    try:
        grader.queue([reference, copies[0], copies[1], stub])
        wait_until(lambda: len(graded) == 1)  # the reference is being graded, the rest waits
        waiting = threading.Thread(target=grader.results, args=(stub,))
        waiting.start()
        wait_until(lambda: grader.pending[:1] == [stub])
        first_may_end.set()
        waiting.join(10)
        assert grader.results(copies[1]) is grader.results(copies[0])
        assert graded == ["a1_softmax.ipynb", "a1_softmax.ipynb", "bug_same.py"], graded
        assert grader.results(stub).log.endswith("stub/a1_softmax/a1_softmax.ipynb")
    finally:
        first_may_end.set()
        grader.close()


def test_every_variant_a_test_waits_for_is_queued_at_the_start(request):
    """The variants a test is parametrized with (this module's Variant class, pytest's conftest has its own)
    are queued at the start: without that they were graded one at a time, as each test asked."""
    class Item:  # what needed_gradings reads of a collected test
        fixturenames = ["grader"]

        def __init__(self, variant):
            self.callspec = type("CallSpec", (), {"params": {"variant": variant}})()

        def iter_markers(self, name):
            return iter(())

    variants = all_variants()
    queued = {str(grading.variant) for grading in needed_gradings([Item(v) for v in variants])}
    assert queued == {str(v) for v in variants}
    conftest = request.config.pluginmanager.get_plugin(str(Path(__file__).with_name("conftest.py")))
    if conftest is not None and conftest.Variant is not Variant:  # the two-modules case this guards
        queued_there = conftest.needed_gradings([Item(v) for v in variants])
        assert {str(grading.variant) for grading in queued_there} == {str(v) for v in variants}
