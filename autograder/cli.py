"""`python -m autograder [--course DIR] grade|check|batch|gradescope|release|similarity|new|written`.

Exit status 0 whenever grading completed, whatever the score; 2 for usage errors (bad arguments);
1 when the grader broke (a broken hidden suite, a missing reference, no sandbox here, a crash):
never because of the submission.
"""
import argparse
import os
import sys
from pathlib import Path

from autograder import layout
from autograder.grading import grade
from autograder.spec import add_cli_options, cli_options


def _grading_options(parser) -> None:
    add_cli_options(parser)


def _assignment(parser) -> None:
    parser.add_argument("assignment", help=f"a declared assignment ({layout.SUITES}/A/{layout.DECLARATION})")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m autograder", description=__doc__.splitlines()[0])
    parser.add_argument("--course", type=Path, help="the course folder whose declared assignments "
                        f"these are (default: ${layout.COURSE_ENV}, else this checkout)")
    commands = parser.add_subparsers(dest="command", required=True)

    command = commands.add_parser("grade", help="grade one submission with the hidden suite")
    _assignment(command)
    command.add_argument("submission", type=Path, help=".ipynb or .py (or a folder holding one)")
    command.add_argument("--json", type=Path, help="write Gradescope's results.json here")
    command.add_argument("--package", type=Path, help="grade with this unpacked grading package "
                         "(a Gradescope bundle's package/) instead of the course's files")
    _grading_options(command)

    command = commands.add_parser("check", help="before submitting: the public tests and the numbers "
                                  "grading measures, beside their bars")
    _assignment(command)
    command.add_argument("submission", type=Path)
    command.add_argument("--public", type=Path,
                         help="public tests (default assignments/A/test_public.py)")
    _grading_options(command)

    command = commands.add_parser("batch", help="grade a folder of submissions, one per student")
    _assignment(command)
    command.add_argument("submissions", type=Path, help="folder: one file or folder per student")
    command.add_argument("--out", type=Path, required=True, help="folder for results and grades.csv")
    command.add_argument("-j", "--jobs", type=int, default=1, help="parallel grading runs")
    command.add_argument("--regrade", action="store_true", help="grade again what is already graded")
    command.add_argument("--dask", metavar="ADDRESS",
                         help="grade on the Dask cluster whose scheduler is at ADDRESS "
                              "(tcp://host:8786), or local:N for N local worker processes")
    _grading_options(command)

    command = commands.add_parser("gradescope", help="build a Gradescope autograder bundle")
    _assignment(command)
    command.add_argument("-o", "--output", type=Path, required=True, help="the bundle .zip")
    command.add_argument("--unsafe-no-sandbox", action="store_true",
                         help="let the bundle grade without isolation where Gradescope has none")

    commands.add_parser("release", help="regenerate assignments/ from solutions/")

    command = commands.add_parser("new", help="scaffold a new assignment in the course")
    command.add_argument("assignment", help="its name, e.g. a5_attention")
    command.add_argument("--title", help="its title (default: the name)")

    command = commands.add_parser("written", help="each submission's written answers as an HTML page "
                                  "that course staff grade (e.g. on Gradescope)")
    _assignment(command)
    command.add_argument("submissions", type=Path, help="folder: one notebook (or folder) per student")
    command.add_argument("--out", type=Path, required=True, help="folder for <student>.html")

    from autograder import similarity
    similarity.add_arguments(commands.add_parser(
        "similarity", help="pairwise similarity of a class's submissions (HTML + CSV report)"))
    return parser


def main(argv=None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.course:  # every layout.course() of this process and of its grading runs reads it
        os.environ[layout.COURSE_ENV] = str(args.course.resolve())
    try:
        return COMMANDS[args.command](args)
    except (ValueError, FileNotFoundError) as error:
        parser.error(str(error))


def _require_file(path: Path) -> None:
    if not path.exists():
        raise FileNotFoundError(f"{path} does not exist")


def run_grade(args) -> int:
    _require_file(args.submission)
    options = {key: value for key, value in cli_options(args).items() if value is not None}
    if args.package:
        from autograder import package
        options = {**package.options_of(args.package), **options}
    results = grade(args.assignment, args.submission, json_out=args.json, **options)
    return _report(results)


def _report(results) -> int:
    print(results.table())
    if results.broken:
        print(f"grading failed (the grader's fault, not the submission's):\n{results.log[-3000:]}",
              file=sys.stderr)
        return 1
    return 0


def run_check(args) -> int:
    """Before submitting: the public tests, then the numbers the hidden suite measures (a2's rho, a3's
    and a4's perplexities, CPU seconds, the causality probe) beside their bars, measured in the same
    sandbox, with the same budgets, as grading measures them. Hidden tests' points stay hidden."""
    _require_file(args.submission)
    options = cli_options(args)
    course = layout.course()
    # An undeclared assignment is checked with the suites given on the command line alone.
    declared = course.find(args.assignment) if args.public and options.get("suite") \
        else course.assignment(args.assignment)
    public = args.public or course.release / args.assignment / layout.PUBLIC_TESTS
    public = public if public.exists() or declared is None else declared.public_tests
    _require_file(public)
    print(f"Public tests of {args.assignment}:")
    variants = declared.variants if declared else None
    status = _report(grade(args.assignment, args.submission,
                           **{**options, "suite": public, "variants": variants}))
    hidden = options.get("suite") or declared.suite
    if not _has_measurements(Path(hidden)):
        return status
    print(f"\nWhat grading measures (the hidden suite's measured tests; this trains what grading trains):")
    measured = grade(args.assignment, args.submission, **{**options, "select": "measurement"})
    if measured.broken:
        return _report(measured)
    for measurement in measured.measurements:
        print(f"  {measurement.describe()}")
    for test in measured.tests:
        if test.status == "failed" and test.output:
            print(f"  ! {test.headline}")
    return status


def _has_measurements(suite: Path) -> bool:
    files = [suite] if suite.is_file() else sorted(suite.glob("test_*.py"))
    return any("mark.measurement" in path.read_text() for path in files)


def run_batch(args) -> int:
    from autograder.batch import grade_all
    _require_file(args.submissions)
    if args.dask:
        from autograder import cluster
        if args.jobs != 1:
            raise ValueError("-j and --dask exclude each other: on a cluster, its worker threads "
                             "set how many grading runs go at once")
        try:
            summary = cluster.grade_all_dask(args.assignment, args.submissions, args.out,
                                             address=args.dask, regrade=args.regrade,
                                             **cli_options(args))
        except cluster.ClusterLost as error:
            print(f"batch stopped: {error}", file=sys.stderr)
            return 1
        print(summary)
        return 0
    summary = grade_all(args.assignment, args.submissions, args.out, jobs=args.jobs,
                        regrade=args.regrade, **cli_options(args))
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


def run_new(args) -> int:
    from autograder.scaffold import scaffold
    for path in scaffold(layout.course(), args.assignment, args.title):
        print(f"wrote {path}")
    return 0


def run_written(args) -> int:
    from autograder import written
    _require_file(args.submissions)
    pages = written.write_pages(args.assignment, args.submissions, args.out)
    print(f"wrote {len(pages)} page(s) of written answers to {args.out}")
    return 0


def run_similarity(args) -> int:
    from autograder import similarity
    return similarity.run(args)


COMMANDS = {"grade": run_grade, "check": run_check, "batch": run_batch,
            "gradescope": run_gradescope, "release": run_release, "similarity": run_similarity,
            "new": run_new, "written": run_written}
