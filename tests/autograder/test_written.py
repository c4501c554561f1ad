"""`python -m autograder written`: each submission's written answers on one HTML page for course staff
(Gradescope), under their questions and points, without the model answer or the rubric."""
import json
import shutil
import subprocess
import sys

from autograder import written
from autograder import layout

ASSIGNMENT = "a1_softmax"
ANSWER = "By the chain rule, $\\nabla_s J$ is what I derived on paper."


def answered(tmp_path):
    notebook = json.loads(layout.course().released(ASSIGNMENT).read_text())
    for cell in notebook["cells"]:
        if written.is_written(cell):
            cell["source"] = "".join(cell["source"]).replace(written.UNANSWERED, ANSWER)
    path = tmp_path / "alice.ipynb"
    path.write_text(json.dumps(notebook))
    return path


def test_each_submission_gets_a_page_of_its_written_answers(tmp_path):
    submissions = tmp_path / "submissions"
    submissions.mkdir()
    answered(submissions)
    (submissions / "bob").mkdir()  # a folder holding the untouched release: nothing answered
    shutil.copy(layout.course().released(ASSIGNMENT), submissions / "bob")
    run = subprocess.run([sys.executable, "-m", "autograder", "written", ASSIGNMENT, str(submissions),
                          "--out", str(tmp_path / "pages")], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    alice, bob = (tmp_path / "pages" / f"{name}.html" for name in ("alice", "bob"))
    questions = written.written_cells(ASSIGNMENT)
    assert questions
    for cell in questions:
        for page in (alice, bob):
            assert f"{cell.grade_id} ({cell.points:g} points)" in page.read_text()
    assert "what I derived on paper" in alice.read_text() and "No answer." not in alice.read_text()
    assert "No answer." in bob.read_text()
    solution = layout.course().assignment(ASSIGNMENT).reference.read_text()
    assert "Rubric" in solution
    assert "Rubric" not in alice.read_text() + bob.read_text()
