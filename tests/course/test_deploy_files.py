"""The files that publish the book and define the grading image agree with the project."""
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
DOCKERFILE = ROOT / "docker" / "Dockerfile"


def pinned_requirements() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "requirements.txt").read_text().splitlines():
        spec = line.split("#", 1)[0].strip()
        if spec:
            name, version = spec.split("==")
            pins[name.lower()] = version
    return pins


def test_every_requirement_is_pinned():
    lines = [l.split("#", 1)[0].strip() for l in (ROOT / "requirements.txt").read_text().splitlines()]
    unpinned = [l for l in lines if l and "==" not in l]
    assert not unpinned, f"unpinned requirements: {unpinned}"
    assert pinned_requirements()["torch"], "torch must stay pinned"


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_workflow_is_valid_github_actions(workflow):
    checker = Path(sys.executable).with_name("check-jsonschema")
    result = subprocess.run(
        [str(checker), "--builtin-schema", "vendor.github-workflows", str(workflow)],
        capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_workflows_run_the_readme_commands():
    text = {p.name: p.read_text() for p in WORKFLOWS}
    assert "bash .ci/run" in text["test.yml"] and "pull_request" in text["test.yml"]
    assert "make book" in text["book.yml"] and "_build/html" in text["book.yml"]
    assert "jupyter_cache" in text["book.yml"]


def test_workflow_torch_pins_match_requirements():
    want = pinned_requirements()["torch"]
    for workflow in WORKFLOWS:
        for version in re.findall(r"torch==([\w.+]+)", workflow.read_text()):
            assert version == want, f"{workflow.name} installs torch {version}, requirements.txt pins {want}"


def test_grading_image_agrees_with_requirements():
    text = DOCKERFILE.read_text()
    assert "pip install --no-cache-dir -r requirements.txt" in text
    assert "COPY requirements.txt" in text
    assert re.search(r"apt-get install[^\n]*bubblewrap", text)
    assert "FROM python:3.11" in text, "the image's Python must be the one the README promises"
    pins = pinned_requirements()
    for name, version in re.findall(r"([A-Za-z0-9_.-]+)==([\w.+]+)", text):
        assert pins.get(name.lower()) == version, f"Dockerfile pins {name}=={version}, requirements.txt {pins.get(name.lower())}"


def test_grading_image_has_a_dask_worker_stage_of_the_pinned_release():
    text = DOCKERFILE.read_text()
    worker = text[text.index("FROM grader AS worker"):]
    assert 'ENTRYPOINT ["dask", "worker"]' in worker.split("\nFROM ")[0]
    assert text.rstrip().splitlines()[-1] == "FROM grader", "the default target stays the grader"
    pins = pinned_requirements()
    assert pins["dask"] == pins["distributed"], "dask and distributed are released together"


def test_binder_installs_the_pinned_requirements_with_cpu_torch():
    lines = (ROOT / "binder" / "requirements.txt").read_text().splitlines()
    assert "-r ../requirements.txt" in lines
    assert "--extra-index-url https://download.pytorch.org/whl/cpu" in lines
    assert (ROOT / "binder" / "runtime.txt").read_text().strip() == "python-3.11"
