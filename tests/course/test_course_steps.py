"""The instructor steps refuse bad input with a message that names the fix, before changing anything."""
import json

import pytest
from nbgrader.api import Gradebook

from autograder.batch import fingerprint
from autograder.course.__main__ import main
from autograder.course.course_dir import Course, CourseError
from autograder.course.export import show_in_formgrader
from autograder.course.grade import graded_copy, graded_results, grade
from autograder.course.intake import READY, intake
from autograder.course.release import release
from autograder.gradebook import Gradebook as BatchGradebook
from autograder.results import Results
from autograder.results import TestResult as GradedTest  # not collected as a test class


@pytest.fixture
def course(tmp_path):
    (tmp_path / "nbgrader_config.py").write_text(
        "c = get_config()\n"
        'c.CourseDirectory.course_id = "nlp101"\n'
        f'c.Exchange.root = "{tmp_path / "exchange"}"\n')
    return Course(tmp_path)


def collected(course, student, notebook_text="{}", stamp="2026-12-01 10:00:00.000000 UTC"):
    folder = course.step_dir("submitted", student, "a1_softmax")
    folder.mkdir(parents=True)
    (folder / "a1_softmax.ipynb").write_text(notebook_text)
    (folder / "timestamp.txt").write_text(stamp)
    return folder


def test_a_course_directory_without_a_course_id_is_refused(tmp_path):
    with pytest.raises(CourseError, match="c.CourseDirectory.course_id"):
        Course(tmp_path)
    assert main(["--course-dir", str(tmp_path / "absent"), "collect", "a1_softmax"]) == 2


def test_an_unreadable_due_date_is_refused_before_the_release(course):
    with pytest.raises(CourseError, match="2026-12-04 17:00:00 UTC"):
        release(course, "a1_softmax", due="next friday")
    assert not course.step_dir("release", ".", "a1_softmax").exists()


def test_regrading_names_the_students_it_knows(course):
    collected(course, "alice")
    with pytest.raises(CourseError, match="no student mallory.*known: alice"):
        grade(course, "a1_softmax", students=["mallory"])


def test_a_resubmission_is_not_given_the_previous_grade(course):
    folder = collected(course, "alice", notebook_text='{"cells": []}')
    [submission] = intake(course, "a1_softmax")
    assert submission.status == READY
    results = course.graded_dir("a1_softmax") / "results" / "alice" / "results.json"
    results.parent.mkdir(parents=True)
    Results("a1_softmax", [GradedTest("test_softmax", 10.0, 10.0, "passed")]).write_json(results)
    with pytest.raises(CourseError, match="not graded yet"):
        graded_results(course, submission)  # results exist, but no record of which version they grade
    graded = course.graded_dir("a1_softmax") / "submissions" / "alice.ipynb"  # what batch graded
    graded.parent.mkdir(parents=True)
    graded.write_text('{"cells": []}')
    book = BatchGradebook(results.parent.parent / "gradebook.sqlite")
    book.record("a1_softmax", "alice", fingerprint(graded), Results.read_json(results))
    book.close()
    assert graded_results(course, submission).score == 10.0
    (folder / "a1_softmax.ipynb").write_text('{"cells": [], "resubmitted": true}')
    with pytest.raises(CourseError, match="alice's collected submission of 2026-12-01 10:00:00 UTC is not"):
        graded_results(course, submission)


def written_notebook(answer: str) -> str:
    cell = {"cell_type": "markdown", "id": "w", "source": f"**Your answer** (10 points):\n\n{answer}",
            "metadata": {"nbgrader": {"grade": True, "solution": True, "grade_id": "written_softmax_gradients",
                                      "points": 10, "locked": False, "schema_version": 3}}}
    return json.dumps({"cells": [cell], "metadata": {}, "nbformat": 4, "nbformat_minor": 5})


def test_a_changed_written_answer_keeps_its_manual_grade_and_is_reported(course):
    """Export never overwrites a manual grade; when the graded answer text changed since the copy the
    TA graded, it says so."""
    collected(course, "alice", notebook_text=written_notebook("first answer"))
    [submission] = intake(course, "a1_softmax")
    graded = graded_copy(course, submission)
    graded.parent.mkdir(parents=True)
    graded.write_text(written_notebook("first answer"))
    with Gradebook(course.db_url, course.course_id) as gradebook:
        gradebook.update_or_create_assignment("a1_softmax")
        gradebook.update_or_create_notebook("a1_softmax", "a1_softmax")
        gradebook.update_or_create_grade_cell("written_softmax_gradients", "a1_softmax", "a1_softmax",
                                              max_score=10, cell_type="markdown")
        gradebook.update_or_create_student("alice")
        gradebook.add_submission("a1_softmax", "alice")
        assert show_in_formgrader(course, gradebook, submission) == []  # first copy: nothing graded yet
        grade = gradebook.find_grade("written_softmax_gradients", "a1_softmax", "a1_softmax", "alice")
        grade.manual_score = 6
        gradebook.db.commit()
        assert show_in_formgrader(course, gradebook, submission) == []  # same answer again
        graded.write_text(written_notebook("a resubmitted answer"))
        [line] = show_in_formgrader(course, gradebook, submission)
        assert "alice's written_softmax_gradients changed since it was graded (6/10 kept)" in line
        assert grade.manual_score == 6
