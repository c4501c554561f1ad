"""`python -m autograder grade|check|batch|gradescope|release`.

Exit status 0 whenever grading completed, whatever the score; 2 for usage errors (bad arguments,
no sandbox without --unsafe-no-sandbox), 1 when a grading run itself broke.
"""
import argparse
import sys
from pathlib import Path

from autograder.grading import (ASSIGNMENTS, ASSIGNMENTS_DIR, PUBLIC_TESTS, SOLUTIONS_DIR,
                                GradingError, grade)
from autograder.sandbox import SandboxUnavailable


def _grading_options(parser) -> None:
    parser.add_argument("--device", default="cpu", choices=("auto", "cpu", "cuda"),
                        help="auto: CUDA when torch sees a GPU, else CPU (default: cpu)")
    parser.add_argument("--timeout", type=float, default=30.0,
                        help="per-call wall-clock limit of the student's code, seconds (default 30)")
    parser.add_argument("--memory-mb", type=int, default=2048, help="worker memory limit (default 2048)")
    parser.add_argument("--unsafe-no-sandbox", action="store_true",
                        help="grade WITHOUT isolation when no sandbox works here (untrustworthy)")
    parser.add_argument("--suite", type=Path, help="hidden suite folder (default autograder/suites/A)")
    parser.add_argument("--solution", type=Path, help="solution notebook (default solutions/A/A.ipynb)")


def _assignment(parser) -> None:
    parser.add_argument("assignment", help=" | ".join(ASSIGNMENTS))


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m autograder", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)

    command = commands.add_parser("grade", help="grade one submission with the hidden suite")
    _assignment(command)
    command.add_argument("submission", type=Path, help=".ipynb or .py (or a folder holding one)")
    command.add_argument("--json", type=Path, help="write Gradescope's results.json here")
    _grading_options(command)

    command = commands.add_parser("check", help="run the public tests only (before submitting)")
    _assignment(command)
    command.add_argument("submission", type=Path)
    _grading_options(command)

    command = commands.add_parser("batch", help="grade a folder of submissions, one per student")
    _assignment(command)
    command.add_argument("submissions", type=Path, help="folder: one file or folder per student")
    command.add_argument("--out", type=Path, required=True, help="folder for results and grades.csv")
    command.add_argument("-j", "--jobs", type=int, default=1, help="parallel grading runs")
    command.add_argument("--regrade", action="store_true", help="grade again what is already graded")
    _grading_options(command)

    command = commands.add_parser("gradescope", help="build a Gradescope autograder bundle")
    _assignment(command)
    command.add_argument("-o", "--output", type=Path, required=True, help="the bundle .zip")
    command.add_argument("--unsafe-no-sandbox", action="store_true",
                         help="let the bundle grade without isolation where Gradescope has none")

    commands.add_parser("release", help="regenerate assignments/ from solutions/")
    return parser


def main(argv=None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except (SandboxUnavailable, ValueError, FileNotFoundError) as error:
        parser.error(str(error))
    except GradingError as error:
        print(error, file=sys.stderr)
        return 1


def _grading_kwargs(args) -> dict:
    return dict(device=args.device, timeout=args.timeout, memory_mb=args.memory_mb,
                unsafe_no_sandbox=args.unsafe_no_sandbox, suite=args.suite, solution=args.solution)


def _require_file(path: Path) -> None:
    if not path.exists():
        raise FileNotFoundError(f"{path} does not exist")


def run_grade(args) -> int:
    _require_file(args.submission)
    results = grade(args.assignment, args.submission, json_out=args.json, **_grading_kwargs(args))
    print(results.table())
    return 0


def run_check(args) -> int:
    _require_file(args.submission)
    public = args.suite or ASSIGNMENTS_DIR / args.assignment / PUBLIC_TESTS
    public = public if public.exists() else SOLUTIONS_DIR / args.assignment / PUBLIC_TESTS
    _require_file(public)
    results = grade(args.assignment, args.submission, **{**_grading_kwargs(args), "suite": public})
    print(results.table())
    return 0


def run_batch(args) -> int:
    from autograder.batch import grade_all
    _require_file(args.submissions)
    summary = grade_all(args.assignment, args.submissions, args.out, jobs=args.jobs,
                        regrade=args.regrade, **_grading_kwargs(args))
    print(summary)
    return 0


def run_gradescope(args) -> int:
    from autograder.gradescope import build_bundle
    bundle = build_bundle(args.assignment, args.output, unsafe_no_sandbox=args.unsafe_no_sandbox)
    print(f"wrote {bundle}")
    return 0


def run_release(args) -> int:
    from autograder.release import release
    for path in release():
        print(f"wrote {path}")
    return 0


COMMANDS = {"grade": run_grade, "check": run_check, "batch": run_batch,
            "gradescope": run_gradescope, "release": run_release}
