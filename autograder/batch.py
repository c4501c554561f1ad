"""Grade a folder of submissions (one file or folder per student), in parallel and resumably.

Per student: `<out>/<student>/results.json` and `feedback.md`; for all: the SQLite gradebook
`<out>/gradebook.sqlite` and `<out>/grades.csv` exported from it. A rerun skips students whose
submission is unchanged since their grade was recorded, unless `regrade`.
"""
import hashlib
from concurrent.futures import ThreadPoolExecutor, as_completed
from pathlib import Path

from tqdm import tqdm

from autograder.gradebook import Gradebook
from autograder.grading import grade
from autograder.submission import find_submission


def discover(submissions_dir: Path, assignment: str) -> dict[str, Path]:
    """student -> submission: each entry of the folder is one student, named by its stem."""
    entries = sorted(p for p in Path(submissions_dir).iterdir() if not p.name.startswith("."))
    return {entry.stem if entry.is_file() else entry.name: find_submission(entry, assignment)
            for entry in entries}


def fingerprint(path: Path) -> str:
    digest = hashlib.sha256()
    for file in sorted(path.rglob("*")) if path.is_dir() else [path]:
        if file.is_file():
            digest.update(file.name.encode() + b"\0" + file.read_bytes())
    return digest.hexdigest()


def grade_all(assignment: str, submissions_dir, out_dir, *, jobs: int = 1, regrade: bool = False,
              **grading) -> str:
    """Grade every new or changed submission; return a one-line summary."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    gradebook = Gradebook(out_dir / "gradebook.sqlite")
    try:
        submissions = discover(Path(submissions_dir), assignment)
        done = {} if regrade else gradebook.graded(assignment)
        prints = {student: fingerprint(path) for student, path in submissions.items()}
        todo = [student for student in submissions if done.get(student) != prints[student]]
        with ThreadPoolExecutor(max(jobs, 1)) as pool:
            # Each job is its own grading subprocess; threads only wait on them.
            futures = {pool.submit(grade, assignment, submissions[student], **grading): student
                       for student in todo}
            for future in tqdm(as_completed(futures), total=len(futures), unit="submission",
                               desc=f"grading {assignment}"):
                student = futures[future]
                results = future.result()
                folder = out_dir / student
                folder.mkdir(exist_ok=True)
                results.write_json(folder / "results.json")
                (folder / "feedback.md").write_text(results.feedback_markdown(student))
                gradebook.record(assignment, student, prints[student], results)
        count = gradebook.export_csv(assignment, out_dir / "grades.csv")
    finally:
        gradebook.close()
    return (f"graded {len(todo)}, skipped {len(submissions) - len(todo)} already graded; "
            f"{count} grades in {out_dir / 'grades.csv'}")
