"""Results of one grading run: its lossless record, the printed table, the feedback page and the
export to Gradescope's results.json.

`Results.to_dict()`/`from_dict()` is the internal form, what the grading process writes, the Dask
task returns, the batch stores (per student and in its gradebook) and the course reads back: every
field survives the round trip (tests, messages, printed output, measurements, grader errors, the
grading process's log). `to_gradescope()` is a one-way export to the format Gradescope reads.

A run is *graded* when every test passed or failed, *broken* when any test ended in an error or
the grader broke outside a test: a broken run has no score. Its results.json says plainly that
grading failed and why (for Gradescope: no score at all, so no number can pass for a grade), and
the batch records the student as an error to regrade, never as a zero.
"""
import json
import math
import types
import typing
from dataclasses import dataclass, field, fields, is_dataclass
from pathlib import Path

VISIBILITIES = ("visible", "hidden", "after_due_date", "after_published")
FORMAT = "autograder-results/1"  # the internal form's version, checked when it is read back
PRINTED_HEADER = "\n--- your code printed ---\n"


@dataclass
class TestResult:
    name: str
    max_score: float
    score: float = 0.0
    status: str = "pending"  # then "passed" | "failed" (the student's) | "error" (the grader's)
    output: str = ""
    visibility: str = "visible"
    nodeid: str = ""
    uses_student: bool = True
    printed: str = ""  # what the student's code printed during the test (truncated)
    seconds: float = 0.0  # wall time of the test with its set-up (a shared training run: the first user's)

    @property
    def feedback(self) -> str:
        """What the student reads about this test: the message, then what their code printed."""
        return self.output + (PRINTED_HEADER + self.printed if self.printed else "")

    @property
    def headline(self) -> str:
        """The output's first non-empty line: numpy's assertion messages start with a newline."""
        return next((line.strip() for line in self.output.splitlines() if line.strip()), "")

    def to_gradescope(self) -> dict:
        return {"name": self.name, "score": round(self.score, 4), "max_score": self.max_score,
                "status": self.status, "output": self.feedback, "visibility": self.visibility,
                "extra_data": {"nodeid": self.nodeid, "uses_student": self.uses_student}}


@dataclass(frozen=True)
class Measurement:
    """A number the grader measured (a perplexity, a correlation, CPU seconds) and its bar."""

    name: str
    value: float
    bar: float | None = None
    better: str = "lower"  # which side of the bar passes (and of the leaderboard ranks first)
    unit: str = ""
    leaderboard: bool = False  # shown on Gradescope's leaderboard and the batch's leaderboard page

    @property
    def meets_bar(self) -> bool | None:
        if self.bar is None:
            return None
        return self.value <= self.bar if self.better == "lower" else self.value >= self.bar

    def describe(self) -> str:
        text = f"{self.name}: {self.value:.4g}{self.unit}"
        if self.bar is not None:
            sign = "<=" if self.better == "lower" else ">="
            text += f" (bar: {sign} {self.bar:.4g}{self.unit}: {'met' if self.meets_bar else 'NOT met'})"
        return text


@dataclass
class Results:
    assignment: str
    tests: list[TestResult] = field(default_factory=list)
    execution_time: float = 0.0
    device: str = "cpu"
    sandbox: str = "bwrap"
    submission_error: str | None = None
    grader_errors: list[str] = field(default_factory=list)  # faults outside any test
    measurements: list[Measurement] = field(default_factory=list)
    log: str = ""  # the grading process's own output, for instructors debugging a suite

    @property
    def errors(self) -> list[str]:
        """Every fault of the grader in this run, each saying where (suite file and line)."""
        return self.grader_errors + [f"{test.name}: {test.output}" for test in self.tests
                                     if test.status == "error"]

    @property
    def broken(self) -> bool:
        return bool(self.errors) or not self.tests

    @property
    def status(self) -> str:
        return "error" if self.broken else "graded"

    @property
    def score(self) -> float:
        return round(sum(test.score for test in self.tests), 4)

    @property
    def max_score(self) -> float:
        return round(sum(test.max_score for test in self.tests), 4)

    def summary(self) -> str:
        if self.broken:
            return "\n".join([
                "GRADING FAILED: the grader broke, not your submission. No grade was recorded; "
                "your submission will be graded again once the course staff have fixed it.",
                *(f"- {error}" for error in self.errors or ["the hidden suite graded nothing"])])
        lines = [f"Graded on {self.device}, sandbox: {self.sandbox}."]
        if self.measurements:
            lines += ["What the grader measured:"] + [f"- {m.describe()}" for m in self.measurements]
        if self.sandbox == "none":
            lines.append("WARNING: graded WITHOUT a sandbox (--unsafe-no-sandbox): "
                         "these results are not trustworthy.")
        if self.submission_error:
            lines.append(f"Your submission could not be loaded: {self.submission_error}")
        return "\n".join(lines)

    def to_gradescope(self) -> dict:
        extra = {"assignment": self.assignment, "status": self.status, "device": self.device,
                 "sandbox": self.sandbox, "max_score": self.max_score,
                 "submission_error": self.submission_error, "grader_errors": self.grader_errors,
                 "measurements": _encode(self.measurements)}
        if self.broken:  # no "score" anywhere: nothing that looks like a grade
            return {"execution_time": round(self.execution_time, 2), "output": self.summary(),
                    "tests": [{"name": "Grading failed (a fault of the grader, not yours)",
                               "status": "failed", "output": self.summary()}],
                    "extra_data": {**extra, "tests": [t.to_gradescope() for t in self.tests]}}
        data = {"score": self.score, "execution_time": round(self.execution_time, 2),
                "output": self.summary(), "tests": [test.to_gradescope() for test in self.tests],
                "extra_data": extra}
        board = [m for m in self.measurements if m.leaderboard and math.isfinite(m.value)]
        if board:  # Gradescope sorts "asc" lowest first, its default "desc" highest first
            data["leaderboard"] = [{"name": m.name, "value": round(m.value, 4),
                                    "order": "asc" if m.better == "lower" else "desc"} for m in board]
        return data

    def write_gradescope(self, path) -> None:
        """Gradescope's results.json (one way: it is never read back)."""
        Path(path).write_text(json.dumps(self.to_gradescope(), indent=2))

    def to_dict(self) -> dict:
        """The internal form: every field as strict-JSON data (a non-finite float as "inf"/"nan"),
        plus the derived status, score (None when broken) and max_score for readers of the file."""
        return {"format": FORMAT, "status": self.status,
                "score": None if self.broken else self.score, "max_score": self.max_score,
                **_encode(self)}

    @classmethod
    def from_dict(cls, data: dict) -> "Results":
        """The inverse of to_dict; ValueError for data of another format or with unknown keys."""
        if data.get("format") != FORMAT:
            raise ValueError(f"not grading results of format {FORMAT} but {data.get('format')!r} (Gradescope's "
                             "export, or an older autograder's record: grade again with `batch --regrade`)")
        return _decode(cls, {key: value for key, value in data.items()
                             if key not in ("format", "status", "score", "max_score")})

    def write_json(self, path) -> None:
        """The internal form as a file (what `grade` reads back, what a batch keeps per student)."""
        Path(path).write_text(json.dumps(self.to_dict(), indent=2, allow_nan=False))

    @classmethod
    def read_json(cls, path) -> "Results":
        return cls.from_dict(json.loads(Path(path).read_text()))

    def table(self) -> str:
        """The printed report: one row per test (test, points, message) and the total."""
        width = max([len(test.name) for test in self.tests] + [4])
        rows = [f"{'test':<{width}}  {'points':>11}  message", "-" * (width + 24)]
        for test in self.tests:
            message = test.headline
            points = "ERROR" if test.status == "error" else _points(test.score, test.max_score)
            rows.append(f"{test.name:<{width}}  {points:>11}  {message}")
        total = "ERROR" if self.broken else _points(self.score, self.max_score)
        rows += ["-" * (width + 24), f"{'total':<{width}}  {total:>11}", self.summary()]
        return "\n".join(rows)

    def feedback_markdown(self, student: str) -> str:
        """The feedback page of one student: what each test checked and how it failed."""
        if self.broken:
            return f"# {self.assignment}: feedback for {student}\n\n{self.summary()}\n"
        lines = [f"# {self.assignment}: feedback for {student}", "",
                 f"**Score: {_points(self.score, self.max_score)}**", "", self.summary(), "",
                 "| test | points | status |", "|---|---|---|"]
        lines += [f"| {test.name} | {_points(test.score, test.max_score)} | {test.status} |"
                  for test in self.tests]
        for test in self.tests:
            if test.feedback:
                lines += ["", f"## {test.name}", "", "```", test.feedback, "```"]
        return "\n".join(lines) + "\n"


def _points(score: float, max_score: float) -> str:
    return f"{score:g}/{max_score:g}"


def _encode(value):
    """A dataclass (field by field), list or value as strict-JSON data."""
    if is_dataclass(value):
        return {item.name: _encode(getattr(value, item.name)) for item in fields(value)}
    if isinstance(value, list):
        return [_encode(item) for item in value]
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    return value


def _decode(kind, data):
    """`data` as `kind` (a field's type: a dataclass, list[...], X | None, float or a plain type)."""
    if data is None:
        return None
    if typing.get_origin(kind) in (typing.Union, types.UnionType):
        (kind,) = [arg for arg in typing.get_args(kind) if arg is not type(None)]
    if typing.get_origin(kind) is list:
        (item,) = typing.get_args(kind)
        return [_decode(item, element) for element in data]
    if kind is float:
        return float(data)
    if not is_dataclass(kind):
        return data
    hints = typing.get_type_hints(kind)
    names = {item.name for item in fields(kind)}
    if set(data) - names:
        raise ValueError(f"{kind.__name__} has no fields {sorted(set(data) - names)}")
    return kind(**{name: _decode(hints[name], value) for name, value in data.items()})
