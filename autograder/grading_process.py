"""The grading process: `python -m autograder.grading_process PYTEST_ARGS...`, what `grade()` runs.

It opens the run's session (autograder.session.open_run: the submission extracted, the sandbox
picked, the worker started) before it imports pytest, so the worker's start-up (bubblewrap, a fresh
Python, numpy, the submission) overlaps pytest's import, the grader's own imports and the suite's
collection instead of following them. Then it runs pytest here, in this process, with the
`autograder.plugin` plugin, which adopts that session: one process owns the worker from start to end.
"""
import sys

from autograder.session import open_run
from autograder.spec import RunSpec

SPEC_OPTION = "--ag-spec="


def main(args: list[str]) -> int:
    specs = [arg[len(SPEC_OPTION):] for arg in args if arg.startswith(SPEC_OPTION)]
    opened = open_run(RunSpec.read(specs[0])) if specs else None
    try:
        import pytest  # here, not above: its import is part of what the worker's start-up overlaps
        return pytest.main(args, plugins=[opened] if opened else [])
    finally:
        if opened is not None and opened.session is not None:  # pytest stopped before its end
            opened.session.close()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
