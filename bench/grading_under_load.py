"""Does a grade depend on how busy the grading machine is? The references of the assignments with a
budget (a2, a3, a4), graded three ways on this machine:

  quiet   one grading, nothing else of ours running;
  hog     one grading while a busy loop runs on every core;
  -j 4    four gradings at once (batch with -j 4, twice the core count on 2 cores).

That is six gradings of the same submission per assignment. It prints, per grading, the score, the
CPU seconds the suite charged to the budgeted stage (its `measured` numbers) and the wall time,
then whether every grading of an assignment gave one score.

    .venv/bin/python bench/grading_under_load.py [--assignments a2_sgns a3_ngram a4_rnn] [--out bench/out]

Budgets are charged in the CPU seconds of the worker's process tree, so the score should be the
same in every row; wall time is what load changes.
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import autograder
from autograder.batch import grade_all
from autograder.results import Results
from autograder import layout

BUDGETED = ("a2_sgns", "a3_ngram", "a4_rnn")


def cpu_numbers(results: Results) -> str:
    return ", ".join(f"{m.value:.1f}" for m in results.measurements if "CPU" in m.name) or "-"


def row(assignment: str, condition: str, results: Results, wall: float) -> dict:
    return {"assignment": assignment, "condition": condition,
            "score": None if results.broken else results.score, "max_score": results.max_score,
            "errors": results.errors, "stage_cpu_seconds": cpu_numbers(results), "wall_seconds": wall}


def grade_once(assignment: str) -> tuple[Results, float]:
    started = time.monotonic()
    results = autograder.grade(assignment, layout.course().assignment(assignment).reference)
    return results, time.monotonic() - started


def grade_with_hogs(assignment: str) -> tuple[Results, float]:
    hogs = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(os.cpu_count())]
    try:
        return grade_once(assignment)
    finally:
        for hog in hogs:
            hog.kill()
            hog.wait()


def grade_four_at_once(assignment: str) -> list[tuple[Results, float]]:
    with tempfile.TemporaryDirectory() as directory:
        submissions, out = Path(directory) / "submissions", Path(directory) / "out"
        submissions.mkdir()
        for number in range(4):
            shutil.copy(layout.course().assignment(assignment).reference,
                        submissions / f"copy{number}.ipynb")
        started = time.monotonic()
        grade_all(assignment, submissions, out, jobs=4)
        wall = time.monotonic() - started
        return [(Results.read_json(out / f"copy{number}" / "results.json"), wall) for number in range(4)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--assignments", nargs="+", default=list(BUDGETED), choices=BUDGETED)
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "out")
    args = parser.parse_args()
    rows = []
    for assignment in args.assignments:
        rows.append(row(assignment, "quiet", *grade_once(assignment)))
        rows.append(row(assignment, "hog on every core", *grade_with_hogs(assignment)))
        rows += [row(assignment, "-j 4 (batch wall)", *graded) for graded in grade_four_at_once(assignment)]
        print_rows([r for r in rows if r["assignment"] == assignment])
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "grading_under_load.json").write_text(json.dumps(rows, indent=1))
    print(f"\nload average at the end: {os.getloadavg()[0]:.1f}; rows in {args.out / 'grading_under_load.json'}")
    for assignment in args.assignments:
        scores = {r["score"] for r in rows if r["assignment"] == assignment}
        walls = [r["wall_seconds"] for r in rows if r["assignment"] == assignment]
        verdict = "ONE score" if len(scores) == 1 and None not in scores else f"DIFFERENT scores {scores}"
        print(f"{assignment}: {verdict} over {len(walls)} gradings; wall seconds median "
              f"{statistics.median(walls):.0f} (min {min(walls):.0f}, max {max(walls):.0f})")


def print_rows(rows) -> None:
    print(f"{'assignment':<10} {'condition':<20} {'score':>9} {'stage CPU s':>14} {'wall s':>8}")
    for r in rows:
        score = "ERROR" if r["score"] is None else f"{r['score']:g}/{r['max_score']:g}"
        print(f"{r['assignment']:<10} {r['condition']:<20} {score:>9} {r['stage_cpu_seconds']:>14} "
              f"{r['wall_seconds']:>8.0f}")
        for error in r["errors"]:
            print(f"    error: {error[:200]}")


if __name__ == "__main__":
    main()
