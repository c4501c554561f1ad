"""Grade a folder of submissions (one file or folder per student), in parallel and resumably.

Per student: `<out>/<student>/results.json` (the results' lossless internal form, not Gradescope's
format) and `feedback.md`; for all: the SQLite gradebook
`<out>/gradebook.sqlite` and `<out>/grades.csv` exported from it. Each student ends *graded* (a
score), *error* (the grader broke on their submission: no score, regraded on the next run) or
*unchanged* (graded before, same submission: skipped unless `regrade`). One broken grading never
stops the class.
"""
import hashlib
import traceback
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

from tqdm import tqdm

from autograder.gradebook import Gradebook
from autograder.grading import grade
from autograder.leaderboard import course_secret, feedback_with_entry, write_leaderboard
from autograder.results import Results
from autograder.spec import RunSpec
from autograder.submission import find_submission


def discover(submissions_dir: Path, assignment: str) -> dict[str, Path]:
    """student -> submission: each entry of the folder is one student, named by its stem."""
    entries = sorted(p for p in Path(submissions_dir).iterdir() if not p.name.startswith("."))
    return {entry.stem if entry.is_file() else entry.name: find_submission(entry, assignment)
            for entry in entries}


def fingerprint(path: Path) -> str:
    """What decides "changed since graded", for batch and for the course steps alike."""
    files = sorted(path.rglob("*")) if path.is_dir() else [path]
    return fingerprint_files((file.name, file.read_bytes()) for file in files if file.is_file())


def fingerprint_files(files) -> str:
    """sha256 over the (name, bytes) of a submission's files, in order."""
    digest = hashlib.sha256()
    for name, data in files:
        digest.update(name.encode() + b"\0" + data)
    return digest.hexdigest()


@dataclass
class BatchSummary:
    """What one batch run did, student by student."""

    graded: list[str] = field(default_factory=list)
    errors: dict[str, str] = field(default_factory=dict)  # student -> the grader's fault
    unchanged: list[str] = field(default_factory=list)
    grades_csv: Path | None = None
    leaderboard: Path | None = None  # written when the suite ranks a number (a4)

    def __str__(self) -> str:
        line = (f"graded {len(self.graded)}, errors {len(self.errors)}, unchanged "
                f"{len(self.unchanged)}; grades in {self.grades_csv}")
        if self.leaderboard:
            line += f"; leaderboard in {self.leaderboard}"
        if self.errors:
            line += "\ngrading failed (the grader's fault; rerun the batch to grade them again):"
            line += "".join(f"\n  {student}: {message.splitlines()[0][:300]}"
                            for student, message in sorted(self.errors.items()))
        return line


class BatchRecorder:
    """The one writer of a batch's output folder and gradebook: results arrive, it records them."""

    def __init__(self, assignment: str, out_dir, submissions: dict[str, Path], regrade: bool):
        self.assignment, self.out_dir = assignment, Path(out_dir)
        self.out_dir.mkdir(parents=True, exist_ok=True)
        self.gradebook = Gradebook(self.out_dir / "gradebook.sqlite")
        self.secret = course_secret(self.out_dir)
        self.prints = {student: fingerprint(path) for student, path in submissions.items()}
        done = {} if regrade else self.gradebook.graded(assignment)
        self.todo = [student for student in submissions if done.get(student) != self.prints[student]]
        self.summary = BatchSummary(unchanged=[s for s in submissions if s not in self.todo])

    def record(self, student: str, results: Results) -> None:
        folder = self.out_dir / student
        folder.mkdir(exist_ok=True)
        results.write_json(folder / "results.json")
        (folder / "feedback.md").write_text(feedback_with_entry(results, student, self.secret))
        if results.broken:
            self.gradebook.record_error(self.assignment, student, self.prints[student], results)
            self.summary.errors[student] = "; ".join(results.errors) or "no test was graded"
        else:
            self.gradebook.record(self.assignment, student, self.prints[student], results)
            self.summary.graded.append(student)

    def close(self) -> BatchSummary:
        self.summary.grades_csv = self.out_dir / "grades.csv"
        self.gradebook.export_csv(self.assignment, self.summary.grades_csv)
        graded = {student: Results.from_dict(data)
                  for student, data in self.gradebook.graded_results(self.assignment).items()}
        self.summary.leaderboard = write_leaderboard(self.assignment, graded, self.out_dir,
                                                     self.secret)
        self.gradebook.close()
        return self.summary


def grade_all(assignment: str, submissions_dir, out_dir, *, jobs: int = 1, regrade: bool = False,
              **options) -> BatchSummary:
    """Grade every new or changed submission (and every earlier error) with `jobs` grading runs at
    a time; `options` are RunSpec's fields."""
    submissions = discover(Path(submissions_dir), assignment)
    first_spec(assignment, submissions, options)
    recorder = BatchRecorder(assignment, out_dir, submissions, regrade)
    try:
        with ThreadPoolExecutor(max(jobs, 1)) as pool:
            # Each job is its own grading subprocess; threads only wait on them.
            futures = {pool.submit(grade_one, assignment, submissions[student], options): student
                       for student in recorder.todo}
            for future in tqdm(as_completed(futures), total=len(futures), unit="submission",
                               desc=f"grading {assignment}"):
                recorder.record(futures[future], future.result())
    finally:
        summary = recorder.close()
    return summary


def first_spec(assignment: str, submissions: dict[str, Path], options: dict) -> RunSpec | None:
    """The first student's RunSpec: bad options fail here, once, before any grading or writing."""
    for submission in list(submissions.values())[:1]:
        return RunSpec.create(assignment, submission, **options)
    return None


def grade_one(assignment: str, submission: Path, options: dict) -> Results:
    """One student's Results; a fault of ours outside the grading run becomes an error result."""
    try:
        return grade(assignment, submission, **options)
    except Exception as error:  # noqa: BLE001 - whatever broke, the class goes on
        return Results(assignment=assignment, grader_errors=[
            f"the grader failed before grading: {type(error).__name__}: {error}\n"
            f"{traceback.format_exc(limit=3)}"])
