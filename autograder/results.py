"""Results of one grading run: Gradescope's results.json, the printed table and the feedback page.

A run is *graded* when every test passed or failed, *broken* when any test ended in an error or
the grader broke outside a test: a broken run has no score. Its results.json says plainly that
grading failed and why (for Gradescope: no score at all, so no number can pass for a grade), and
the batch records the student as an error to regrade, never as a zero.
"""
import json
import math
from dataclasses import asdict, dataclass, field
from pathlib import Path

VISIBILITIES = ("visible", "hidden", "after_due_date", "after_published")


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

    @property
    def headline(self) -> str:
        """The output's first non-empty line: numpy's assertion messages start with a newline."""
        return next((line.strip() for line in self.output.splitlines() if line.strip()), "")

    def to_gradescope(self) -> dict:
        return {"name": self.name, "score": round(self.score, 4), "max_score": self.max_score,
                "status": self.status, "output": self.output, "visibility": self.visibility,
                "extra_data": {"nodeid": self.nodeid, "uses_student": self.uses_student}}

    @classmethod
    def from_gradescope(cls, data: dict) -> "TestResult":
        extra = data.get("extra_data", {})
        return cls(name=data["name"], max_score=data["max_score"], score=data["score"],
                   status=data["status"], output=data.get("output", ""),
                   visibility=data.get("visibility", "visible"), nodeid=extra.get("nodeid", ""),
                   uses_student=extra.get("uses_student", True))


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

    def to_plain(self) -> dict:
        """JSON data; an infinite or undefined value as the string "inf"/"nan" (strict JSON has none)."""
        return {**asdict(self), "value": self.value if math.isfinite(self.value) else str(self.value)}

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
                 "measurements": [m.to_plain() for m in self.measurements]}
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

    def write_json(self, path) -> None:
        Path(path).write_text(json.dumps(self.to_gradescope(), indent=2))

    @classmethod
    def read_json(cls, path) -> "Results":
        return cls.from_gradescope(json.loads(Path(path).read_text()))

    @classmethod
    def from_gradescope(cls, data: dict) -> "Results":
        extra = data.get("extra_data", {})
        tests = extra["tests"] if extra.get("status") == "error" else data["tests"]
        return cls(assignment=extra.get("assignment", ""), execution_time=data["execution_time"],
                   tests=[TestResult.from_gradescope(test) for test in tests],
                   device=extra.get("device", "cpu"), sandbox=extra.get("sandbox", ""),
                   submission_error=extra.get("submission_error"),
                   grader_errors=extra.get("grader_errors", []),
                   measurements=[Measurement(**{**m, "value": float(m["value"])})
                                 for m in extra.get("measurements", [])])

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
            if test.output:
                lines += ["", f"## {test.name}", "", "```", test.output, "```"]
        return "\n".join(lines) + "\n"


def _points(score: float, max_score: float) -> str:
    return f"{score:g}/{max_score:g}"
