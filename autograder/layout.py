"""Where things are in a course: the ONE module of the engine that names folders and files.

A course is a folder (this checkout by default; `--course DIR` or $AUTOGRADER_COURSE for another):

    autograder/suites/<a>/assignment.toml   the assignment's declaration (below): the engine finds
                                            assignments by these files and never lists them
    autograder/suites/<a>/                  its hidden suite (test_*.py and their helpers)
    autograder/suites/<a>/variants/         its bug_/ok_ variants (they travel with the suite)
    solutions/<a>/<a>.ipynb, test_public.py the reference notebook and the public tests
    assignments/                            the student release (generated)

The declaration, with every path relative to the course folder:

    name = "a4_rnn"                       # = the folder's name
    title = "An RNN language model"
    reference = "solutions/a4_rnn/a4_rnn.ipynb"
    public_tests = "solutions/a4_rnn/test_public.py"
    variants = "autograder/suites/a4_rnn/variants"
    [budgets]                             # this assignment's defaults of the grading options
    timeout = 30                          # (RunSpec fields: timeout, memory_mb, startup_timeout)
    [needs]                               # files of the course outside the suite that it reads,
    a3_reference = "solutions/a3_ngram/a3_ngram.ipynb"   # by name (the `needs` fixture)
"""
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

COURSE_ENV = "AUTOGRADER_COURSE"
DECLARATION = "assignment.toml"
SUITES = Path("autograder", "suites")
SOLUTIONS = Path("solutions")
RELEASE = Path("assignments")
PUBLIC_TESTS = "test_public.py"
VARIANTS = "variants"
BUDGETS = ("timeout", "memory_mb", "startup_timeout")
ENGINE = Path(__file__).resolve().parent
CHECKOUT = ENGINE.parent  # the engine's own checkout: the default course
# What a grading machine installs and imports beside the engine (the Gradescope bundle carries them).
REQUIREMENTS = CHECKOUT / "requirements.txt"
LIBRARY = CHECKOUT / "nlpcourse"


class DeclarationError(ValueError):
    """An assignment's declaration is missing, malformed or names a file that does not exist."""


@dataclass(frozen=True)
class Assignment:
    """One declared assignment, its paths resolved in its course."""

    name: str
    title: str
    suite: Path
    reference: Path
    public_tests: Path
    variants: Path
    budgets: dict = field(default_factory=dict)
    needs: dict = field(default_factory=dict)  # name -> Path

    @property
    def declaration(self) -> Path:
        return self.suite / DECLARATION


@dataclass(frozen=True)
class Course:
    root: Path

    @property
    def suites(self) -> Path:
        return self.root / SUITES

    @property
    def solutions(self) -> Path:
        return self.root / SOLUTIONS

    @property
    def release(self) -> Path:
        return self.root / RELEASE

    def assignments(self) -> dict[str, Assignment]:
        """Every assignment that declares itself, by name."""
        found = {}
        for declaration in sorted(self.suites.glob(f"*/{DECLARATION}")):
            assignment = self._read(declaration)
            found[assignment.name] = assignment
        return found

    def find(self, name: str) -> Assignment | None:
        declaration = self.suites / name / DECLARATION
        return self._read(declaration) if declaration.is_file() else None

    def assignment(self, name: str) -> Assignment:
        found = self.find(name)
        if found is None:
            known = ", ".join(self.assignments()) or "none"
            raise DeclarationError(f"no assignment {name!r} is declared in {self.root} "
                                   f"(declared: {known})")
        return found

    def _read(self, declaration: Path) -> Assignment:
        try:
            data = tomllib.loads(declaration.read_text())
        except tomllib.TOMLDecodeError as error:
            raise DeclarationError(f"{declaration}: {error}") from None
        name = declaration.parent.name
        if data.get("name") != name:
            raise DeclarationError(f"{declaration}: name must be {name!r}, its folder's name")
        unknown = set(data.get("budgets", {})) - set(BUDGETS)
        if unknown:
            raise DeclarationError(f"{declaration}: unknown budgets {sorted(unknown)}; "
                                   f"known: {', '.join(BUDGETS)}")
        needs = {key: self._path(declaration, value) for key, value in data.get("needs", {}).items()}
        return Assignment(name=name, title=str(data.get("title", name)), suite=declaration.parent,
                          reference=self._path(declaration, data.get("reference")),
                          public_tests=self._path(declaration, data.get("public_tests")),
                          variants=self._path(declaration, data.get("variants")),
                          budgets=dict(data.get("budgets", {})), needs=needs)

    def _path(self, declaration: Path, value) -> Path:
        if not isinstance(value, str) or not value:
            raise DeclarationError(f"{declaration}: every path must be a non-empty string "
                                   f"relative to the course folder, not {value!r}")
        path = (self.root / value).resolve()
        if self.root.resolve() not in path.parents:
            raise DeclarationError(f"{declaration}: {value!r} leaves the course folder")
        return path

    # ---- what `new` writes: the conventional places of an assignment's parts ---------------------
    def conventional(self, name: str) -> dict[str, Path]:
        """Where a new assignment's parts go (what `python -m autograder new` scaffolds)."""
        return {"suite": self.suites / name, "reference": self.solutions / name / f"{name}.ipynb",
                "public_tests": self.solutions / name / PUBLIC_TESTS,
                "variants": self.suites / name / VARIANTS}

    def released(self, name: str) -> Path:
        """The student release of a declared assignment's notebook."""
        return self.release / name / self.assignment(name).reference.name

    def relative(self, path: Path) -> str:
        return Path(path).resolve().relative_to(self.root.resolve()).as_posix()


def course(root=None) -> Course:
    """The course at `root`, else at $AUTOGRADER_COURSE, else this checkout."""
    root = root or os.environ.get(COURSE_ENV) or CHECKOUT
    return Course(Path(root).resolve())
