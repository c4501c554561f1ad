"""Similarity report speed: `python -m autograder similarity` on a synthetic a1_softmax class of N
submissions (default 100), timed from process start to report written.

    .venv/bin/python bench/similarity_class.py [--count 100]

Each student mixes, function by function, one of the implementations the similarity test knows
(the reference, the a1 ok_ variants, the test's three independent solutions), with
identifiers renamed and functions in a random order; every tenth is the solution notebook itself.
So the class has real copies and real independent work, like a term's submissions.
Goal: 100 submissions in under a minute on the shared 2-core machine.
"""
import argparse
import ast
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from autograder import layout

sys.path.insert(0, str(layout.CHECKOUT))  # the class is built from the test's fixtures
from tests.autograder.test_similarity import (ASSIGNMENT, INDEPENDENT, RENAMES, SOLUTION,  # noqa: E402
                                              VARIANTS, disguise, reference_code)


def implementations() -> tuple[list[str], dict[str, list[str]]]:
    """The import lines and, per graded function, the source of every implementation known."""
    imports, functions = set(), {}
    sources = [reference_code(), *INDEPENDENT.values(), *(p.read_text() for p in sorted(VARIANTS.glob("ok_*.py")))]
    for source in sources:
        for node in ast.parse(source).body:
            segment = ast.get_source_segment(source, node)
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                imports.add(segment)
            elif isinstance(node, ast.FunctionDef):
                functions.setdefault(node.name, []).append(segment)
    return sorted(imports), functions


def make_class(folder: Path, count: int, seed: int = 0) -> None:
    rng = random.Random(seed)
    imports, functions = implementations()
    for number in range(count):
        student = folder / f"student{number:03d}"
        if number % 10 == 9:
            shutil.copy(SOLUTION, student.with_suffix(".ipynb"))
            continue
        chosen = [rng.choice(options) for options in functions.values()]
        code = "\n".join(imports) + "\n\n\n" + "\n\n\n".join(chosen) + "\n"
        renames = {name: f"{new}{number}" for name, new in RENAMES.items() if rng.random() < 0.5}
        code = disguise(code, renames) if rng.random() < 0.5 else code
        student.with_suffix(".py").write_text(code)


def similarity_command() -> list[str]:
    """`python -m autograder similarity` once the CLI has it, else the module's own entry point."""
    from autograder.cli import build_parser
    subcommands = next(action for action in build_parser()._actions
                       if isinstance(action, argparse._SubParsersAction)).choices
    return ["-m", "autograder", "similarity"] if "similarity" in subcommands else ["-m", "autograder.similarity"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100)
    args = parser.parse_args()
    command = similarity_command()
    with tempfile.TemporaryDirectory() as directory:
        submissions, out = Path(directory) / "submissions", Path(directory) / "report"
        submissions.mkdir()
        make_class(submissions, args.count)
        started = time.perf_counter()
        subprocess.run([sys.executable, *command, ASSIGNMENT, str(submissions), "--out", str(out)],
                       check=True)
        seconds = time.perf_counter() - started
        listed = len((out / "pairs.csv").read_text().splitlines()) - 1
        size = (out / "index.html").stat().st_size
    print(f"`python {' '.join(command)}` on {args.count} {ASSIGNMENT} submissions "
          f"({args.count * (args.count - 1) // 2} pairs): {seconds:.1f} s; {listed} pairs listed, "
          f"report {size / 1e6:.1f} MB (goal: 100 in < 60 s)")


if __name__ == "__main__":
    main()
