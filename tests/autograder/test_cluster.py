"""Batch grading on Dask (`batch --dask`): the grades of the local pool, nothing lost when a worker
dies mid-grading, grading faults recorded as errors while the class goes on, and a clear error
before anything is written when no scheduler answers. All on the toy assignment and LocalClusters
of 2 worker processes, so they stay fast."""
import csv
import json
import os
import shutil
import signal
import sqlite3
import threading
import time

import pytest

distributed = pytest.importorskip("distributed")
import dask  # noqa: E402

from autograder import cli, cluster, package  # noqa: E402
from autograder.batch import grade_all  # noqa: E402
from tests.autograder.conftest import FAST_LIMITS, TOY, TOY_SOLUTION, TOY_SUITE, ZEROS  # noqa: E402

TOY_OPTIONS = {"suite": TOY_SUITE, "solution": TOY_SOLUTION, **FAST_LIMITS}


@pytest.fixture(scope="module")
def dask_cluster(bwrap, tmp_path_factory):
    """A LocalCluster as an instructor's would be: worker processes (behind nannies), 1 thread each.
    Their temporary folders are the test's: a killed worker cannot remove its grading's."""
    environ = {**dask.config.get("distributed.nanny.pre-spawn-environ"),
               "TMPDIR": str(tmp_path_factory.mktemp("dask-tmp"))}
    with dask.config.set({**cluster.WORKER_CONFIG, "distributed.nanny.pre-spawn-environ": environ}), \
            distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                     dashboard_address=":0", silence_logs=40) as local:
        with distributed.Client(local) as client:
            yield local, client


def make_class(folder, students: dict) -> None:
    folder.mkdir(parents=True)
    for name, source in students.items():
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(source, str):
            target.write_text(source)
        else:
            shutil.copy(source, target)


def grades(out) -> list[dict]:
    with (out / "grades.csv").open() as handle:
        return list(csv.DictReader(handle))


def results_without_timing(out, student) -> dict:
    """A student's recorded results less what differs from run to run: the times taken (the run's
    and each test's) and the grading process's log (its timings and temporary paths)."""
    data = json.loads((out / student / "results.json").read_text())
    data.pop("execution_time"), data.pop("log")
    for test in data["tests"]:
        test.pop("seconds")
    return data


def gradebook_rows(out) -> dict:
    with sqlite3.connect(out / "gradebook.sqlite") as database:
        return {table: database.execute(f"SELECT student FROM {table} ORDER BY student").fetchall()
                for table in ("grades", "errors")}


def test_dask_local_2_grades_a_class_as_the_local_pool_does(dask_cluster, tmp_path):
    submissions = tmp_path / "submissions"
    make_class(submissions, {"alice.py": ZEROS, "bob/toy.ipynb": TOY_SOLUTION,
                             "carol.ipynb": "not a notebook", "dave/notes.txt": "no code here"})
    local = grade_all("toy", submissions, tmp_path / "local", jobs=2, **TOY_OPTIONS)
    on_dask = cluster.grade_all_dask("toy", submissions, tmp_path / "dask",
                                     address=dask_cluster[0].scheduler_address, **TOY_OPTIONS)
    assert (sorted(on_dask.graded), on_dask.errors, on_dask.unchanged) == \
        (sorted(local.graded), local.errors, local.unchanged), (str(local), str(on_dask))
    assert grades(tmp_path / "dask") == grades(tmp_path / "local")
    assert {row["student"]: row["score"] for row in grades(tmp_path / "dask")}["bob"] == "9.0"
    for student in ("alice", "bob", "carol", "dave"):
        assert results_without_timing(tmp_path / "dask", student) == \
            results_without_timing(tmp_path / "local", student), student
        assert (tmp_path / "dask" / student / "feedback.md").read_text() == \
            (tmp_path / "local" / student / "feedback.md").read_text()

    # Resuming and regrading are the local batch's: unchanged students are skipped.
    shutil.copy(ZEROS, submissions / "bob" / "toy.ipynb")  # bob now hands in a .py as his notebook
    again = cluster.grade_all_dask("toy", submissions, tmp_path / "dask",
                                   address=dask_cluster[0].scheduler_address, **TOY_OPTIONS)
    assert (again.graded, again.unchanged) == (["bob"], ["alice", "carol", "dave"]), str(again)


def _grading_runs_under(pids: set[int]) -> dict[int, str]:
    """pid -> command line of every grading process (pytest) whose parent is one of `pids`, and of
    everything below those (the sandbox)."""
    table = {}
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                stat = open(f"/proc/{name}/stat", "rb").read()
                argv = open(f"/proc/{name}/cmdline", "rb").read()
            except OSError:
                continue
            table[int(name)] = (int(stat[stat.rindex(b")") + 2:].split()[1]), argv)
    found, todo = {}, [pid for pid, (parent, argv) in table.items()
                       if parent in pids and b"pytest" in argv]
    while todo:
        pid = todo.pop()
        found[pid] = table[pid][1]
        todo += [child for child, (parent, _) in table.items() if parent == pid]
    return found


def _alive(pid: int, argv: bytes) -> bool:
    """The same process still runs (not a zombie, not a reused pid)."""
    try:
        state = open(f"/proc/{pid}/stat", "rb").read().rsplit(b")", 1)[1].split()[0]
        return state != b"Z" and open(f"/proc/{pid}/cmdline", "rb").read() == argv
    except OSError:
        return False


def test_a_worker_killed_mid_grading_loses_no_student_and_grades_each_once(dask_cluster, tmp_path):
    local, client = dask_cluster
    submissions = tmp_path / "submissions"
    make_class(submissions, {f"student{number}.py": ZEROS for number in range(4)})
    worker_pids = set(client.run(os.getpid).values())
    killed = {}

    def kill_a_worker_while_it_grades():
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            for victim in worker_pids:
                runs = _grading_runs_under({victim})
                if any(b"worker.py" in argv for argv in runs.values()):  # mid-grading, sandbox up
                    os.kill(victim, signal.SIGKILL)
                    killed.update(runs, worker=victim)
                    return
            time.sleep(0.05)

    killer = threading.Thread(target=kill_a_worker_while_it_grades)
    killer.start()
    summary = cluster.grade_all_dask("toy", submissions, tmp_path / "out",
                                     address=local.scheduler_address, **TOY_OPTIONS)
    killer.join()
    assert "worker" in killed, "no grading was caught running"
    students = [f"student{number}" for number in range(4)]
    assert sorted(summary.graded) == students and not summary.errors, str(summary)
    assert gradebook_rows(tmp_path / "out") == {"grades": [(s,) for s in students], "errors": []}
    assert [row["score"] for row in grades(tmp_path / "out")] == ["0.0"] * 4
    # The killed worker's grading run and its sandbox died with it: no orphan keeps running.
    orphans = {pid: argv for pid, argv in killed.items() if pid != "worker" and _alive(pid, argv)}
    assert not orphans, orphans
    seen = [argv for pid, argv in killed.items() if pid != "worker"]
    assert [b"autograder.grading_process" in argv for argv in seen].count(True) == 1 and \
        any(b"bwrap" in argv for argv in seen), seen  # the grading process and its sandbox


def test_a_grading_that_times_out_is_an_error_and_the_class_goes_on(dask_cluster, tmp_path):
    local, client = dask_cluster

    submissions = tmp_path / "submissions"
    make_class(submissions, {f"{name}.py": TOY / "faults" / f"{name}.py"
                             for name in ("fine", "sleepy", "unusual")})
    summary = cluster.grade_all_dask("toy", submissions, tmp_path / "out",
                                     address=local.scheduler_address,
                                     suite=TOY / "suites" / "faults", run_deadline=8, **FAST_LIMITS)
    assert summary.graded == ["fine"] and set(summary.errors) == {"sleepy", "unusual"}, str(summary)
    assert "ran past 8 s" in summary.errors["sleepy"]
    assert "KeyError" in summary.errors["unusual"]
    assert {row["student"]: row["status"] for row in grades(tmp_path / "out")} == \
        {"fine": "graded", "sleepy": "error", "unusual": "error"}
    assert "GRADING FAILED" in (tmp_path / "out" / "sleepy" / "feedback.md").read_text()


def test_an_unreachable_scheduler_is_a_clear_error_and_writes_nothing(bwrap, tmp_path, monkeypatch,
                                                                      capsys):
    monkeypatch.setattr(cluster, "CONNECT_TIMEOUT_SECONDS", 2)
    submissions, out = tmp_path / "submissions", tmp_path / "out"
    make_class(submissions, {"alice.py": ZEROS})
    with pytest.raises(SystemExit) as exit_:
        cli.main(["batch", "toy", str(submissions), "--out", str(out), "--dask", "tcp://127.0.0.1:1",
                  "--suite", str(TOY_SUITE), "--solution", str(TOY_SOLUTION)])
    assert exit_.value.code == 2
    error = capsys.readouterr().err
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:1" in error, error
    assert "Traceback" not in error
    assert not out.exists()
    with pytest.raises(SystemExit):
        cli.main(["batch", "toy", str(submissions), "--out", str(out), "--dask", "local:2", "-j", "2",
                  "--suite", str(TOY_SUITE), "--solution", str(TOY_SOLUTION)])
    assert "exclude each other" in capsys.readouterr().err


def test_local_n_needs_a_worker_count():
    for address in ("local:0", "local:", "local:two"):
        with pytest.raises(ValueError, match="local:N"):
            cluster.connect(address)


def test_packed_files_cannot_leave_the_task_folder(tmp_path):
    for name in ("../escape.py", "/etc/escape.py", "a/../../escape.py"):
        with pytest.raises(ValueError, match="outside"):
            package.write_files({name: b"x = 1\n"}, tmp_path / "task")
    (tmp_path / "bob" / "__pycache__").mkdir(parents=True)
    (tmp_path / "bob" / "toy.ipynb").write_text("{}")
    (tmp_path / "bob" / "__pycache__" / "x.pyc").write_bytes(b"")
    assert package.pack(tmp_path / "bob") == {"toy.ipynb": b"{}"}
    assert package.write_files(package.pack(tmp_path / "bob"), tmp_path / "copy") == tmp_path / "copy"
    assert (tmp_path / "copy" / "toy.ipynb").read_text() == "{}"
