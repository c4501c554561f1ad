"""One grading package: everything a grading run of one assignment reads besides the engine, the
course library and the submission, as bytes that travel (a Gradescope bundle, a Dask task).

`build(assignment, options)` packs what the resolved options name (autograder.spec.course_options:
the declaration's defaults, or what `--suite`/`--solution` redirect): the hidden suite, the
reference notebook, the bug_ variants that diagnose failed tests, and the files the assignment
declares it needs from elsewhere in the course (a4: a3's reference and settings), with a manifest
of the grading options that name them. `unpack(package, folder)` writes it anywhere and returns the
same options with paths under `folder`, so a machine without the course grades exactly as here.
"""
import json
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from autograder.spec import course_options

MANIFEST = "package.json"
MAX_PACKAGE_BYTES = 64 * 1024 * 1024
# The grading options a package carries: its paths (relative to the package) and the budgets.
CARRIED = ("timeout", "memory_mb", "startup_timeout")


@dataclass(frozen=True)
class Package:
    assignment: str
    files: dict  # relative POSIX path -> bytes
    manifest: dict  # grading options; paths relative to the package

    @property
    def size(self) -> int:
        return sum(map(len, self.files.values()))

    def with_manifest(self) -> dict[str, bytes]:
        """Every file of the package as it lies in a folder, its manifest included."""
        manifest = json.dumps({"assignment": self.assignment, **self.manifest}, indent=1)
        return {**self.files, MANIFEST: manifest.encode()}


def build(assignment: str, options: dict) -> Package:
    """The package of one grading of `assignment` with these options (RunSpec fields)."""
    options = course_options(assignment, options)
    suite, files = Path(options["suite"]), {}
    suite_root = suite if suite.is_dir() else suite.parent
    variants = Path(options["variants"]) if options.get("variants") else None
    inside = variants is not None and (variants == suite_root or suite_root in variants.parents)
    skipped = variants if inside else None
    # A single test file (check's public tests) travels with its folder's top-level files.
    files.update(_prefixed("suite", pack(suite_root, top_level_only=not suite.is_dir(), skip=skipped)))
    manifest = {key: options[key] for key in CARRIED if key in options}
    manifest["suite"] = "suite" + (f"/{suite.name}" if not suite.is_dir() else "")
    solution = Path(options["solution"])
    if options["solution"] and solution.is_file():
        files[f"reference/{solution.name}"] = solution.read_bytes()
        manifest["solution"] = f"reference/{solution.name}"
    else:  # the grading there meets the same missing file, and says so as it would here
        manifest["solution"] = options["solution"]
    if variants is not None and variants.is_dir():
        where = "suite/" + variants.relative_to(suite_root).as_posix() if inside else "variants"
        # Only the bug_ variants diagnose; the ok_ ones stay with the course's own tests.
        files.update({f"{where}/{path.name}": path.read_bytes()
                      for path in sorted(variants.glob("bug_*.py"))})
        manifest["variants"] = where
    manifest["needs"] = {}
    for name, path in options.get("needs", {}).items():
        path = Path(path)
        if not path.is_file():
            raise FileNotFoundError(f"{assignment} declares it needs {name} = {path}, which does not exist")
        files[f"needs/{name}/{path.name}"] = path.read_bytes()
        manifest["needs"][name] = f"needs/{name}/{path.name}"
    package = Package(assignment, files, manifest)
    if package.size > MAX_PACKAGE_BYTES:
        raise ValueError(f"the grading package of {assignment} is {package.size / 2**20:.0f} MiB; "
                         f"at most {MAX_PACKAGE_BYTES / 2**20:.0f} MiB travel with a grading")
    return package


def unpack(package: Package, folder) -> dict:
    """Write the package under `folder`; the grading options that name its files there."""
    write_files(package.with_manifest(), Path(folder))
    return options_of(folder)


def options_of(folder) -> dict:
    """The grading options of the package unpacked in `folder` (`grade --package FOLDER`)."""
    folder = Path(folder).resolve()
    manifest = json.loads((folder / MANIFEST).read_text())
    manifest.pop("assignment")
    options = {**manifest, "suite": str(folder / manifest["suite"]),
               "solution": str(folder / manifest["solution"]) if manifest["solution"] else "",
               "needs": {name: str(folder / path) for name, path in manifest["needs"].items()}}
    if manifest.get("variants"):
        options["variants"] = str(folder / manifest["variants"])
    return options


def assignment_of(folder) -> str:
    return json.loads((Path(folder) / MANIFEST).read_text())["assignment"]


# ---- files as bytes --------------------------------------------------------------------------------
def pack(path: Path, *, top_level_only: bool = False, skip: Path | None = None) -> dict[str, bytes]:
    """relative POSIX path -> bytes of a file (its name) or of a folder's files (no caches, no
    hidden files, nothing under `skip`)."""
    path = Path(path)
    if path.is_file():
        return {path.name: path.read_bytes()}
    files = path.iterdir() if top_level_only else path.rglob("*")
    packed = {}
    for file in sorted(files):
        relative = file.relative_to(path)
        if file.is_file() and not any(part == "__pycache__" or part.startswith(".")
                                      for part in relative.parts) \
                and not (skip is not None and skip in file.parents):
            packed[relative.as_posix()] = file.read_bytes()
    return packed


def write_files(files: dict[str, bytes], folder: Path) -> Path:
    """Write packed files under `folder` (created); refuses paths that would leave it."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        relative = PurePosixPath(name)
        if relative.is_absolute() or ".." in relative.parts or not relative.parts:
            raise ValueError(f"refusing to write {name!r} outside the package's folder")
        target = folder.joinpath(*relative.parts)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return folder


def _prefixed(prefix: str, files: dict) -> dict:
    return {f"{prefix}/{name}": data for name, data in files.items()}
