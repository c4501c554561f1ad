"""One grading run, written down once: every option with its one default, the command-line options
built from those fields, and the JSON file that carries the run to its pytest process.

`RunSpec.create(...)` validates and resolves what a caller asked for (paths made absolute, the
suite and solution defaulted from the assignment, `auto` device resolved); the grading run's
pytest process reads the same frozen spec back with `RunSpec.read(path)`. Nothing else translates
options: the CLI's flags are generated from the fields below, and `grade()` takes them as keywords.
"""
import argparse
import json
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

from autograder import layout
from autograder.sandbox import Limits

DEVICES = ("auto", "cpu", "cuda")
SANDBOXES = ("bwrap", "unshare", "none", "in-process")


def _option(default, help: str, **argparse_options):
    """A field that is also a command-line option (`--name-with-dashes`)."""
    return field(default=default, metadata={"help": help, **argparse_options})


@dataclass(frozen=True)
class RunSpec:
    """Everything one grading run needs; frozen, so no step can change it behind another's back."""

    assignment: str
    submission: str  # the student's .ipynb or .py, absolute
    suite: str = _option(None, "hidden suite folder or test file (default: the one A declares)")
    solution: str = _option(None, "reference notebook (default: the one A declares)")
    device: str = _option("cpu", "auto: CUDA when torch sees a GPU, else CPU (default: cpu)",
                          choices=DEVICES)
    timeout: float = _option(30.0, "per-call wall-clock limit of the student's code, seconds "
                                   "(default 30)", type=float)
    startup_timeout: float = 60.0  # importing torch on a contended CPU can take this long
    run_deadline: float = 3 * 3600.0  # wall seconds of the whole grading run, whatever its tests' own limits: a last resort
    memory_mb: int = _option(Limits.memory_mb, f"worker address-space limit in MiB (default "
                                                f"{Limits.memory_mb})", type=int)
    unsafe_no_sandbox: bool = _option(False, "grade WITHOUT isolation when no sandbox works here "
                                             "(untrustworthy)", action="store_true")
    sandbox: str | None = None  # force one isolation kind (tests and the overhead benchmark)
    select: str | None = None  # a pytest -m expression, e.g. "not slow"
    results: str | None = None  # where the run writes its results (Results.write_json: the internal form)
    # The bug_ variants that diagnose failed tests (a folder; None: no diagnosis) and the files of
    # the course outside the suite that it reads (name -> path: the `needs` fixture).
    variants: str | None = None
    needs: dict = field(default_factory=dict)

    @classmethod
    def create(cls, assignment: str, submission, **options) -> "RunSpec":
        """A validated spec with absolute paths; ValueError/FileNotFoundError say what is wrong."""
        from autograder.submission import find_submission
        unknown = set(options) - {f.name for f in fields(cls)}
        if unknown:
            raise TypeError(f"unknown grading options: {', '.join(sorted(unknown))}")
        options = course_options(assignment, options)
        suite, solution = Path(options.pop("suite")), Path(options.pop("solution"))
        device = resolve_device(options.pop("device", cls.device))
        if options.get("sandbox") not in (None, *SANDBOXES):
            raise ValueError(f"sandbox must be one of {SANDBOXES}, not {options['sandbox']!r}")
        if options.get("sandbox") == "in-process" and not options.get("unsafe_no_sandbox"):
            raise ValueError("sandbox='in-process' runs student code in the grader: it needs "
                             "unsafe_no_sandbox=True and is for the overhead benchmark only")
        submission = find_submission(Path(submission).resolve(), assignment)
        if options.get("results") is not None:
            options["results"] = str(Path(options["results"]).resolve())
        return cls(assignment=assignment, submission=str(submission), suite=str(suite),
                   solution=str(solution), device=device, **options)

    @property
    def suite_root(self) -> Path:
        suite = Path(self.suite)
        return suite if suite.is_dir() else suite.parent

    def write(self, path) -> None:
        Path(path).write_text(json.dumps(asdict(self), indent=1))

    @classmethod
    def read(cls, path) -> "RunSpec":
        return cls(**json.loads(Path(path).read_text()))


def course_options(assignment: str, options: dict) -> dict:
    """`options` (None: not given) completed from the assignment's declaration: its suite, reference,
    variants, needs and budgets, with absolute paths. What is given wins: `suite`/`solution`
    redirect what they name (a suite given brings its own variants). An undeclared assignment
    needs a suite."""
    options = {key: value for key, value in options.items() if value is not None}
    declared = layout.course().find(assignment)
    suite, solution = options.pop("suite", None), options.pop("solution", None)
    if declared is None and suite is None:
        raise ValueError(f"no assignment {assignment!r} is declared (declared: "
                         f"{', '.join(layout.course().assignments()) or 'none'}); give "
                         f"a suite (and a solution, if its tests use the reference) to grade it")
    if declared is not None:
        options = {**declared.budgets, **options}
        options.setdefault("variants", _rebased(declared.variants, declared.suite, suite))
        options.setdefault("needs", declared.needs)
    suite = Path(suite or declared.suite).resolve()
    if not suite.exists():
        raise ValueError(f"no hidden suite for {assignment!r} at {suite}")
    solution = solution or (declared.reference if declared else None)
    # No reference at all: a test that asks for it is the grader's error (the `reference` fixture).
    options.update(suite=str(suite), solution=str(Path(solution).resolve()) if solution else "",
                   needs={key: str(Path(path).resolve()) for key, path in options.get("needs", {}).items()})
    if options.get("variants") is not None:
        options["variants"] = str(Path(options["variants"]).resolve())
    return options


def _rebased(variants: Path, declared_suite: Path, suite) -> Path:
    """The variants to diagnose with: a suite given in place of the declared one brings its own
    (at the same place inside it), so `--suite` redirects everything the suite carries."""
    if suite is None or declared_suite not in variants.parents:
        return variants
    suite = Path(suite).resolve()
    return (suite if suite.is_dir() else suite.parent) / variants.relative_to(declared_suite)


def resolve_device(device: str) -> str:
    """`auto` -> "cuda" when torch sees a GPU here, else "cpu"."""
    if device not in DEVICES:
        raise ValueError(f"device must be one of {', '.join(DEVICES)}, not {device!r}")
    if device != "auto":
        return device
    import torch
    return "cuda" if torch.cuda.is_available() else "cpu"


def add_cli_options(parser: argparse.ArgumentParser) -> None:
    """The command-line options of a grading run, one per option field of RunSpec."""
    for spec_field in fields(RunSpec):
        meta = dict(spec_field.metadata)
        if not meta:
            continue
        if meta.get("action") != "store_true":
            meta.setdefault("type", Path if spec_field.name in ("suite", "solution") else str)
        # No default here: an option not given is None, so the assignment's declared budgets, then
        # the field's default, apply (RunSpec.create).
        parser.add_argument("--" + spec_field.name.replace("_", "-"), dest=spec_field.name,
                            default=None, **meta)


def cli_options(args: argparse.Namespace) -> dict:
    """The RunSpec keyword arguments given on a command line built by add_cli_options."""
    return {f.name: getattr(args, f.name) for f in fields(RunSpec) if f.metadata}
