"""`python -m autograder.course STEP ASSIGNMENT`, run in the nbgrader course directory (or pass
--course-dir). The steps, in term order: release, collect, grade, feedback, export."""
import argparse
import sys
from pathlib import Path

from autograder import layout

from .collect import collect
from .course_dir import Course, CourseError
from .export import export
from .feedback import return_feedback
from .grade import grade
from .intake import intake
from .release import release


def main(argv=None) -> int:
    args = _parser().parse_args(argv)
    try:
        course = Course(args.course_dir)
        if args.step == "release":
            print(f"released {release(course, args.assignment, args.due)}")
        elif args.step == "collect":
            print(f"archived {len(collect(course, args.assignment))} new submission version(s)")
        elif args.step == "grade":
            print(grade(course, args.assignment, args.student, args.jobs))
            _print_outcomes(course, args.assignment)
        elif args.step == "feedback":
            print(f"released {len(return_feedback(course, args.assignment))} feedback page(s)")
        elif args.step == "export":
            csv_path, changed = export(course, args.assignment, args.csv)
            print(f"gradebook updated; nbgrader wrote {csv_path}")
            for line in changed:
                print(f"  {line}")
    except CourseError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    return 0


def _print_outcomes(course: Course, assignment: str) -> None:
    for submission in intake(course, assignment):
        print(f"  {submission.student:<20} {submission.status:<15} {submission.message()}")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m autograder.course", description=__doc__)
    parser.add_argument("--course-dir", type=Path, default=Path.cwd(),
                        help="the nbgrader course directory, with nbgrader_config.py (default: here)")
    steps = parser.add_subparsers(dest="step", required=True)
    step = {}
    for name, help_text in [("release", "put the student release on the exchange"),
                            ("collect", "collect the latest submissions, archive every version"),
                            ("grade", "grade new submissions (or --student NAME: regrade one)"),
                            ("feedback", "return feedback pages through the exchange"),
                            ("export", "autograded scores into nbgrader's gradebook (manual grades kept) and a CSV")]:
        step[name] = steps.add_parser(name, help=help_text)
        step[name].add_argument("assignment", choices=list(layout.course().assignments()))
    step["release"].add_argument("--due", help='due date, e.g. "2026-12-04 17:00:00 UTC"')
    step["grade"].add_argument("--student", action="append", help="regrade this student (repeatable)")
    step["grade"].add_argument("-j", "--jobs", type=int, default=1, help="submissions graded in parallel")
    step["export"].add_argument("--csv", type=Path, default=Path("grades.csv"),
                                help="where nbgrader writes the CSV (default: grades.csv)")
    return parser


if __name__ == "__main__":
    sys.exit(main())
