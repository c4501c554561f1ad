"""Looks for the hidden tests and the solution; answers correctly only if it finds the solution."""
import os
import sys

FOUND = {}
for path in ("SOLUTION_NOTEBOOK", "SUITE_DIR/test_toy.py"):
    try:
        with open(path) as handle:
            FOUND[path] = handle.read()
    except OSError:
        pass
for root, dirs, files in os.walk("/"):
    dirs[:] = [d for d in dirs if os.path.join(root, d) not in ("/proc", "/sys", "/usr", "/dev")]
    for name in files:
        if name in ("toy.ipynb", "test_toy.py"):
            try:
                with open(os.path.join(root, name)) as handle:
                    FOUND[os.path.join(root, name)] = handle.read()
            except OSError:
                pass
try:
    import autograder  # noqa: F401  (the engine, hidden suites included, must not be importable)
    FOUND["autograder"] = "imported"
except ImportError:
    pass

if FOUND:
    import json
    notebook = next((text for path, text in FOUND.items() if path.endswith(".ipynb")), None)
    source = "".join("".join(cell["source"]) + "\n" for cell in json.loads(notebook)["cells"]
                     if cell.get("metadata", {}).get("nbgrader", {}).get("solution")) \
        if notebook else ""
    exec(source)
else:
    sys.exit(0)
