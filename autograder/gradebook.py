"""The SQLite gradebook of a batch: one row per (assignment, student), written transactionally."""
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
)
"""


class Gradebook:
    def __init__(self, path):
        self.connection = sqlite3.connect(str(path))
        with self.connection:
            self.connection.execute("PRAGMA journal_mode=WAL")
            self.connection.execute(SCHEMA)

    def graded(self, assignment: str) -> dict[str, str]:
        """student -> sha256 of the submission graded for them."""
        rows = self.connection.execute(
            "SELECT student, submission_sha256 FROM grades WHERE assignment = ?", (assignment,))
        return dict(rows.fetchall())

    def record(self, assignment: str, student: str, sha256: str, results) -> None:
        """Store one student's grade; committed at once, so a killed batch loses no finished grade."""
        with self.connection:
            self.connection.execute(
                "INSERT OR REPLACE INTO grades VALUES (?, ?, ?, ?, ?, ?, ?)",
                (assignment, student, sha256, results.score, results.max_score,
                 json.dumps(results.to_gradescope()), time.time()))

    def export_csv(self, assignment: str, path) -> int:
        rows = self.connection.execute(
            "SELECT student, score, max_score FROM grades WHERE assignment = ? ORDER BY student",
            (assignment,)).fetchall()
        with Path(path).open("w", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["student", "score", "max_score"])
            writer.writerows(rows)
        return len(rows)

    def close(self) -> None:
        self.connection.close()
