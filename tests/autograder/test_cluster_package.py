"""Grading on a Dask worker that cannot see the course: the worker runs a copy of the engine and the library
only (no suites, no solutions, no tests; its working folder empty), so everything its gradings read comes in
the assignment's grading package (autograder.package), scattered to it once. It grades a4 (a3's trigram
baseline travels as a declared need) and diagnoses an a1 bug (the bug_ variants travel with the suite) exactly
as this checkout does."""
import json
import os
import shutil
import subprocess
import sys
import time

import pytest

distributed = pytest.importorskip("distributed")

from autograder import cluster, layout  # noqa: E402
from autograder.batch import grade_all  # noqa: E402
from autograder.diagnosis import describe_variant  # noqa: E402
from autograder.replay import variant_code  # noqa: E402
from autograder.submission import extract_code  # noqa: E402

A1_BUG = "bug_softmax_wrong_axis"
# a4 with select "slow": the training tests (the baselines, a3's trigram among them, and the scoring) on a
# model that is returned untrained, so no training time is spent; the BPTT and clipping tests are deselected.
A4_SUBMISSION, A4_SELECT = "bug_untrained_model", "slow"


@pytest.fixture(scope="module")
def blind_worker(tmp_path_factory, bwrap):
    """(scheduler address, client) of a scheduler and one worker process started from an empty folder with
    only a copy of the engine (without its suites) and of the library on their path."""
    site, empty = tmp_path_factory.mktemp("site"), tmp_path_factory.mktemp("empty")
    unwanted = shutil.ignore_patterns("__pycache__", layout.SUITES.name)
    shutil.copytree(layout.ENGINE, site / "autograder", ignore=unwanted)
    shutil.copytree(layout.LIBRARY, site / "nlpcourse", ignore=unwanted)
    scheduler_file = empty / "scheduler.json"
    env = {**os.environ, "PYTHONPATH": str(site), layout.COURSE_ENV: str(empty),
           "DASK_DISTRIBUTED__WORKER__PROFILE__ENABLED": "False"}
    processes = [subprocess.Popen([sys.executable, "-m", "distributed.cli.dask_scheduler", "--host", "127.0.0.1",
                                   "--port", "0", "--dashboard-address", ":0", "--scheduler-file",
                                   str(scheduler_file)], cwd=empty, env=env, stdout=subprocess.DEVNULL,
                                  stderr=subprocess.DEVNULL)]
    try:
        deadline = time.monotonic() + 60
        while not scheduler_file.is_file() and time.monotonic() < deadline:
            time.sleep(0.2)
        processes.append(subprocess.Popen([sys.executable, "-m", "distributed.cli.dask_worker", "--nthreads", "1",
                                           "--no-nanny", "--scheduler-file", str(scheduler_file)],
                                          cwd=empty, env=env, stdout=subprocess.DEVNULL,
                                          stderr=subprocess.DEVNULL))
        with distributed.Client(scheduler_file=str(scheduler_file), timeout=60) as client:
            client.wait_for_workers(1, timeout=120)
            yield json.loads(scheduler_file.read_text())["address"], client, site, empty
    finally:
        for process in reversed(processes):
            process.terminate()
            process.wait(timeout=30)


def _what_the_worker_sees():
    import importlib.util
    from pathlib import Path

    from autograder import layout as worker_layout
    return {"engine": importlib.util.find_spec("autograder").origin, "cwd": str(Path.cwd()),
            "declared": list(worker_layout.course().assignments()), "path": list(__import__("sys").path)}


def test_the_worker_cannot_see_the_course(blind_worker):
    import cloudpickle
    _, client, site, empty = blind_worker
    cloudpickle.register_pickle_by_value(sys.modules[__name__])  # the worker cannot import this test module
    try:
        [seen] = client.run(_what_the_worker_sees).values()
    finally:
        cloudpickle.unregister_pickle_by_value(sys.modules[__name__])
    assert seen["engine"].startswith(str(site)) and seen["cwd"] == str(empty), seen
    assert seen["declared"] == [], seen
    checkout, venv = str(layout.CHECKOUT), sys.prefix  # the venv may be a folder of the checkout
    assert not [entry for entry in seen["path"] if entry.startswith(checkout) and not entry.startswith(venv)]


def _class_of(tmp_path, assignment: str, stem: str):
    declared = layout.course().assignment(assignment)
    submissions = tmp_path / "submissions"
    submissions.mkdir()
    (submissions / f"{stem}.py").write_text(variant_code(extract_code(declared.reference),
                                                         declared.variants / f"{stem}.py"))
    return submissions


def _graded(out, student) -> dict:
    """The results but for what the machine's speed decides (execution time, CPU seconds measured)."""
    data = json.loads((out / student / "results.json").read_text())
    return {"score": data["score"], "max_score": sum(t["max_score"] for t in data["tests"]), "tests": [(t["name"], t["score"], t["status"]) for t in data["tests"]],
            "outputs": [t["output"] for t in data["tests"] if "CPU seconds" not in t["output"]],
            "text": json.dumps(data)}


@pytest.mark.parametrize("assignment, stem, select", [("a1_softmax", A1_BUG, None),
                                                      ("a4_rnn", A4_SUBMISSION, A4_SELECT)])
def test_blind_worker_grades_as_the_checkout_does(blind_worker, tmp_path, assignment, stem, select):
    address = blind_worker[0]
    submissions = _class_of(tmp_path, assignment, stem)
    local = grade_all(assignment, submissions, tmp_path / "local", select=select)
    remote = cluster.grade_all_dask(assignment, submissions, tmp_path / "dask", address=address, select=select)
    assert (remote.graded, remote.errors) == ([stem], {}), str(remote)
    assert local.graded == [stem], str(local)
    here, there = _graded(tmp_path / "local", stem), _graded(tmp_path / "dask", stem)
    assert {key: there[key] for key in ("score", "tests", "outputs")} == \
        {key: here[key] for key in ("score", "tests", "outputs")}
    assert there["score"] < there["max_score"], "the bug kept full marks"
    if assignment == "a1_softmax":
        sentence = describe_variant(layout.course().assignment(assignment).variants / f"{stem}.py")
        assert sentence in there["text"], "the bug is not diagnosed"
    else:  # the trigram's perplexity comes from a3's files, which only the package brought
        assert "Kneser-Ney" in there["text"] and "255.6" in there["text"], there["text"][:3000]
