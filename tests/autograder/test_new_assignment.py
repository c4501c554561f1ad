"""`python -m autograder new` and the instructor guide's "Add an assignment" (book/instructor_guide.md, block
course-add-assignment): its commands, read from the page and run as they are in a temporary course folder.
The scaffolded assignment is declared and released; the public tests pass on the reference and fail on the
stub; grading gives the reference full marks and the stub zero; its two variants grade as their names say;
and a class graded by batch, on Dask and in the Gradescope bundle gets the same grades."""
import csv
import json
import shlex
import subprocess
import sys

import pytest

from autograder import layout
from autograder.diagnosis import describe_variant
from autograder.replay import variant_code
from autograder.submission import extract_code
from tests.autograder.test_gradescope import run_like_gradescope
from tests.course.guide import named_blocks

NAME = "a9_rows"
PREFIX = ["python", "-m", "autograder", "--course", "$COURSE"]


def guide_commands() -> dict[str, list[str]]:
    """The guide's commands by what they do ('new', 'check solutions', 'batch graded-dask/', ...): the
    arguments after `python -m autograder --course $COURSE`."""
    commands = {}
    for line in named_blocks()["course-add-assignment"].splitlines():
        words = shlex.split(line)
        assert words[:len(PREFIX)] == PREFIX, f"the guide's command {line!r} does not start with {PREFIX}"
        args = words[len(PREFIX):]
        key = {"new": "new", "release": "release", "gradescope": "gradescope"}.get(args[0])
        key = key or f"{args[0]} {args[2].split('/')[0] if args[0] != 'batch' else args[args.index('--out') + 1]}"
        commands[key] = args
    return commands


COMMANDS = guide_commands()


def run_guide(course: layout.Course, what: str) -> str:
    """Run the guide's command `what` in the course folder; its output (it must exit 0)."""
    args = [arg.replace("$NEW", NAME) for arg in COMMANDS[what]]
    run = subprocess.run([sys.executable, "-m", "autograder", "--course", str(course.root), *args],
                         cwd=course.root, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, f"{args}: {run.stdout}\n{run.stderr}"
    return run.stdout


def test_the_guide_shows_every_step_this_test_runs():
    assert list(COMMANDS) == ["new", "release", "check solutions", "check assignments", "grade solutions",
                              "grade assignments", "batch graded/", "batch graded-dask/", "gradescope"]


@pytest.fixture(scope="module")
def course(tmp_path_factory, bwrap):
    course = layout.course(tmp_path_factory.mktemp("course"))
    run_guide(course, "new")
    run_guide(course, "release")
    return course


def test_new_declares_an_assignment_and_release_strips_it(course):
    declared = course.assignment(NAME)
    assert list(course.assignments()) == [NAME] and declared.title == "Normalizing rows"
    for path in (declared.reference, declared.public_tests, declared.suite / f"test_{NAME}.py"):
        assert path.is_file(), path
    assert sorted(p.name for p in declared.variants.glob("*.py")) == \
        ["bug_divides_by_the_max.py", "ok_one_row_at_a_time.py"]
    stub = course.released(NAME).read_text()
    assert "raise NotImplementedError()" in stub and "BEGIN SOLUTION" not in stub
    assert not list(course.release.rglob(f"test_{NAME}.py")) and not list(course.release.rglob("bug_*"))


def test_check_passes_the_reference_and_fails_the_stub(course):
    assert "1/1" in run_guide(course, "check solutions")
    assert "0/1" in run_guide(course, "check assignments")


def test_reference_gets_full_marks_and_the_stub_zero(course):
    run_guide(course, "grade solutions")
    full = json.loads((course.root / "reference.json").read_text())
    assert full["score"] == 10 and [t["score"] for t in full["tests"]] == [10]
    run_guide(course, "grade assignments")
    assert json.loads((course.root / "stub.json").read_text())["score"] == 0


def variant(course, stem, folder):
    """The reference with the variant's definitions appended, as a .py submission (what the meta-tests grade)."""
    declared = course.assignment(NAME)
    path = folder / f"{stem}.py"
    path.write_text(variant_code(extract_code(declared.reference), declared.variants / f"{stem}.py"))
    return path


def graded_in_course(course, submission, out):
    """Gradescope's results of `python -m autograder --course COURSE grade NAME submission`: a process of its
    own, so that no other test's grading in this process sees the toy course in the environment."""
    subprocess.run([sys.executable, "-m", "autograder", "--course", str(course.root), "grade", NAME,
                    str(submission), "--json", str(out)], capture_output=True, text=True, timeout=600)
    return json.loads(out.read_text())


def test_bug_variant_loses_its_points_and_is_diagnosed_ok_variant_keeps_them(course, tmp_path):
    bug = graded_in_course(course, variant(course, "bug_divides_by_the_max", tmp_path), tmp_path / "bug.json")
    sentence = describe_variant(course.assignment(NAME).variants / "bug_divides_by_the_max.py")
    assert bug["score"] == 0 and sentence in bug["tests"][0]["output"]
    ok = graded_in_course(course, variant(course, "ok_one_row_at_a_time", tmp_path), tmp_path / "ok.json")
    assert ok["score"] == 10


def test_batch_dask_and_gradescope_grade_a_class_alike(course):
    submissions = course.root / "submissions"
    submissions.mkdir()
    (submissions / "ada.ipynb").write_bytes(course.assignment(NAME).reference.read_bytes())
    (submissions / "bob.ipynb").write_bytes(course.released(NAME).read_bytes())
    variant(course, "bug_divides_by_the_max", course.root).rename(submissions / "cy.py")
    expected = {"ada": "10.0", "bob": "0.0", "cy": "0.0"}
    for what, out in (("batch graded/", "graded"), ("batch graded-dask/", "graded-dask")):
        run_guide(course, what)
        with (course.root / out / "grades.csv").open() as handle:
            assert {row["student"]: row["score"] for row in csv.DictReader(handle)} == expected, out
    run_guide(course, "gradescope")
    results = run_like_gradescope(course.root / f"{NAME}-gradescope.zip", course.root / "gradescope",
                                  submissions / "ada.ipynb")
    assert results["score"] == 10
