"""The SQLite gradebook of a batch: one row per (assignment, student), written transactionally.

`grades` holds scores; `errors` holds the students whose grading broke (the grader's fault), with
the reason, and no score. A student is in at most one of the two: a new grade clears an error, an
error removes the grade of an older submission (it is not the grade of what they handed in now).
"""
import csv
import json
import sqlite3
import time
from pathlib import Path

SCHEMA = """
CREATE TABLE IF NOT EXISTS grades (
    assignment TEXT NOT NULL,
    student TEXT NOT NULL,
    submission_sha256 TEXT NOT NULL,
    score REAL NOT NULL,
    max_score REAL NOT NULL,
    results_json TEXT NOT NULL,
    graded_at REAL NOT NULL,
    PRIMARY KEY (assignment, student)
);
CREATE TABLE IF NOT EXISTS errors (
    assignment TEXT NOT NULL,
    student TEXT NOT NULL,
    submission_sha256 TEXT NOT NULL,
    message TEXT NOT NULL,
    results_json TEXT NOT NULL,
    failed_at REAL NOT NULL,
    PRIMARY KEY (assignment, student)
);
"""


class Gradebook:
    def __init__(self, path):
        self.connection = sqlite3.connect(str(path))
        with self.connection:
            self.connection.execute("PRAGMA journal_mode=WAL")
            self.connection.executescript(SCHEMA)

    def graded(self, assignment: str) -> dict[str, str]:
        """student -> sha256 of the submission graded for them (errors are not graded)."""
        rows = self.connection.execute(
            "SELECT student, submission_sha256 FROM grades WHERE assignment = ?", (assignment,))
        return dict(rows.fetchall())

    def record(self, assignment: str, student: str, sha256: str, results) -> None:
        """Store one student's grade; committed at once, so a killed batch loses no finished grade."""
        with self.connection:
            self.connection.execute("DELETE FROM errors WHERE assignment = ? AND student = ?",
                                    (assignment, student))
            self.connection.execute(
                "INSERT OR REPLACE INTO grades VALUES (?, ?, ?, ?, ?, ?, ?)",
                (assignment, student, sha256, results.score, results.max_score,
                 json.dumps(results.to_dict(), allow_nan=False), time.time()))

    def record_error(self, assignment: str, student: str, sha256: str, results) -> None:
        """Store that grading this student's submission broke (no score), replacing any grade."""
        with self.connection:
            self.connection.execute("DELETE FROM grades WHERE assignment = ? AND student = ?",
                                    (assignment, student))
            self.connection.execute(
                "INSERT OR REPLACE INTO errors VALUES (?, ?, ?, ?, ?, ?)",
                (assignment, student, sha256, "; ".join(results.errors) or "no test was graded",
                 json.dumps(results.to_dict(), allow_nan=False), time.time()))

    def fingerprints(self, assignment: str) -> dict[str, str]:
        """student -> sha256 of the submission last graded for them, grade or error."""
        rows = self.connection.execute(
            "SELECT student, submission_sha256 FROM grades WHERE assignment = ? "
            "UNION ALL SELECT student, submission_sha256 FROM errors WHERE assignment = ?",
            (assignment, assignment))
        return dict(rows.fetchall())

    def graded_results(self, assignment: str) -> dict[str, dict]:
        """student -> their recorded grade's results, in the internal form (Results.from_dict)."""
        rows = self.connection.execute(
            "SELECT student, results_json FROM grades WHERE assignment = ?", (assignment,))
        return {student: json.loads(text) for student, text in rows.fetchall()}

    def errors(self, assignment: str) -> dict[str, str]:
        """student -> why their grading broke."""
        rows = self.connection.execute(
            "SELECT student, message FROM errors WHERE assignment = ?", (assignment,))
        return dict(rows.fetchall())

    def export_csv(self, assignment: str, path) -> int:
        """grades.csv: one row per student, `error` in place of a score where grading broke."""
        rows = self.connection.execute(
            "SELECT student, score, max_score, 'graded' FROM grades WHERE assignment = ? "
            "UNION ALL SELECT student, 'error', '', 'error' FROM errors WHERE assignment = ? "
            "ORDER BY 1", (assignment, assignment)).fetchall()
        with Path(path).open("w", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["student", "score", "max_score", "status"])
            writer.writerows(rows)
        return len(rows)

    def close(self) -> None:
        self.connection.close()
