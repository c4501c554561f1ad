"""Batch throughput: `python -m autograder batch` over N a1 submissions (the reference, the released
stub and every a1_softmax variant, cycled) with -j 2.

    .venv/bin/python bench/autograder_batch.py [--count 100] [--jobs 2]

Goal: 100 submissions in <= 3 minutes on 2 cores.
"""
import argparse
import itertools
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from autograder import layout
from autograder.release import release_notebook
from autograder.submission import extract_code

ASSIGNMENT = "a1_softmax"


def make_submissions(folder: Path, count: int) -> None:
    solution = layout.course().assignment(ASSIGNMENT).reference
    release_notebook(solution, folder / "stub.ipynb")
    reference = extract_code(solution)
    sources = [("ipynb", solution.read_text()), ("ipynb", (folder / "stub.ipynb").read_text())]
    sources += [("py", f"{reference}\n\n{variant.read_text()}")
                for variant in sorted(layout.course().assignment(ASSIGNMENT).variants.glob("*.py"))]
    (folder / "stub.ipynb").unlink()
    for number, (suffix, text) in zip(range(count), itertools.cycle(sources)):
        (folder / f"student{number:03d}.{suffix}").write_text(text)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as directory:
        submissions, out = Path(directory) / "submissions", Path(directory) / "out"
        submissions.mkdir()
        make_submissions(submissions, args.count)
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "autograder", "batch", ASSIGNMENT, str(submissions),
                        "--out", str(out), "-j", str(args.jobs)], check=True)
        seconds = time.perf_counter() - started
        graded = len((out / "grades.csv").read_text().splitlines()) - 1
    print(f"{graded} {ASSIGNMENT} submissions with -j {args.jobs}: {seconds:.0f} s "
          f"({seconds / graded:.2f} s each; goal: 100 in <= 180 s)")


if __name__ == "__main__":
    main()
