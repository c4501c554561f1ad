"""Batch grading on a Dask cluster: `python -m autograder batch A SUBMISSIONS/ --out OUT/ --dask ADDRESS`.

The same batch as `-j N` (autograder.batch), with the grading runs on Dask workers instead of this
machine's cores. Each student to grade becomes one Dask task that carries its submission as bytes
(the file, or every file of the student's folder) as bytes; the assignment's grading package
(autograder.package: suite, reference, variants, declared extra files, budgets) is scattered once
to every worker, not sent with each task. The task writes both to a temporary folder on the worker
and grades there with `grade()` and the same RunSpec options: no shared file system is assumed, and
the worker's own copy of the course (if any) never decides a grade. The task returns the Results as plain data (Results.to_dict(), lossless); this process
rebuilds them and hands them, as each one arrives, to the batch's one writer, BatchRecorder: only
the client writes OUT/ and the gradebook, so a killed client resumes where it stopped, exactly as
the local batch does, and the statuses are the same (graded / error / unchanged).

Faults:
- a worker that dies mid-grading takes its grading run with it (grading.py: the pytest process
  gets SIGKILL when its parent dies; bwrap --die-with-parent takes the sandbox); the scheduler
  runs the task again on another worker, and its one result is recorded once. A task whose
  workers keep dying (distributed's `allowed-failures`, 3 by default) ends as an error for that
  student (regraded on the next run), and the class goes on;
- a task that raises outside the grading run (e.g. a worker's disk is full) is retried once
  (RETRIES), then recorded as an error;
- grading faults (a run that times out, a broken suite) come back as broken Results: status error;
- an unreachable scheduler fails before anything is written (ClusterUnreachable, naming the
  address); a scheduler lost mid-batch stops the batch (ClusterLost) with every grade recorded so
  far kept and no other student touched.
"""
import tempfile
import uuid
from pathlib import Path

from tqdm import tqdm

from autograder import package
from autograder.batch import BatchRecorder, BatchSummary, discover, first_spec, grade_one
from autograder.results import Results

LOCAL = "local:"  # `local:N`: a LocalCluster of N worker processes, one thread each
CONNECT_TIMEOUT_SECONDS = 15
RETRIES = 1  # a task that raised (not a grading fault: those come back as broken Results)
# Workers that only wait on grading subprocesses: the statistical profiler (a stack sample every
# 10 ms) and the 100 ms memory monitor cost ~10 % of a core per idle LocalCluster of 2 and profile
# nothing useful. The grading image sets the same for `dask worker` (docker/Dockerfile).
WORKER_CONFIG = {"distributed.worker.profile.enabled": False,
                 "distributed.worker.memory.monitor-interval": "1s"}


class ClusterError(Exception):
    """The cluster, not a submission nor the grader, stopped the batch."""


class ClusterUnreachable(ClusterError, ValueError):
    """No scheduler answers at the address given (a bad --dask argument or a scheduler down)."""


class ClusterLost(ClusterError):
    """The scheduler went away mid-batch; the grades recorded so far are kept."""


# ---- on the worker -------------------------------------------------------------------------------
def grade_task(assignment: str, submission: dict, grading: package.Package, options: dict) -> dict:
    """One student's grading on a Dask worker: Results as plain data (to_dict()).

    `submission` is {"name": file or folder name, "is_dir": bool, "files": package.pack(...)};
    `grading` is the assignment's grading package (scattered once to every worker); `options` are
    RunSpec fields without paths. Nothing of the worker's own course decides the grade."""
    with tempfile.TemporaryDirectory(prefix="autograder-task-") as folder:
        root = Path(folder)
        package_options = package.unpack(grading, root / "package")
        entry = root / "submission" / submission["name"]
        if submission["is_dir"]:
            package.write_files(submission["files"], entry)
        else:
            package.write_files(submission["files"], entry.parent)
        results = grade_one(assignment, entry, {**options, **package_options})
        return results.to_dict()


# ---- on the client -------------------------------------------------------------------------------
def connect(address: str):
    """(Client, LocalCluster or None) for `address`: a scheduler's address, or `local:N`."""
    from distributed import Client, LocalCluster
    if address.startswith(LOCAL):
        count = address[len(LOCAL):]
        if not count.isdigit() or int(count) < 1:
            raise ValueError(f"--dask {address}: write local:N with N >= 1 worker processes")
        import logging

        import dask
        with dask.config.set(WORKER_CONFIG):  # handed to the worker processes by their nannies
            cluster = LocalCluster(n_workers=int(count), threads_per_worker=1, processes=True,
                                   dashboard_address=":0", silence_logs=logging.ERROR)
        return Client(cluster), cluster
    try:
        return Client(address, timeout=CONNECT_TIMEOUT_SECONDS), None
    except (OSError, TimeoutError, ValueError) as error:
        raise ClusterUnreachable(f"cannot reach the Dask scheduler at {address} within "
                                 f"{CONNECT_TIMEOUT_SECONDS} s ({type(error).__name__}: {error}); "
                                 f"nothing was graded or written") from None


def grade_all_dask(assignment: str, submissions_dir, out_dir, *, address: str,
                   regrade: bool = False, **options) -> BatchSummary:
    """Grade every new or changed submission (and every earlier error) on the Dask cluster at
    `address` (or `local:N`); `options` are RunSpec's fields. Same output as batch.grade_all."""
    submissions = discover(Path(submissions_dir), assignment)
    spec = first_spec(assignment, submissions, options)
    grading = package.build(assignment, options) if spec else None
    remote_options = {key: value for key, value in options.items()
                      if key not in ("suite", "solution", "results", "variants", "needs")}
    client, cluster = connect(address)  # before the recorder: an unreachable cluster writes nothing
    try:
        return _run(client, assignment, submissions, out_dir, regrade, grading, remote_options)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _run(client, assignment, submissions, out_dir, regrade, grading, options) -> BatchSummary:
    from distributed import as_completed
    recorder = BatchRecorder(assignment, out_dir, submissions, regrade)
    futures = {}
    try:
        if recorder.todo:
            run_id = uuid.uuid4().hex[:8]
            # The package is the same for every student: it travels once to each worker.
            shared = client.scatter(grading, broadcast=True, hash=False)
            for student in recorder.todo:
                # What the local batch grades: the student's file, or the one notebook their folder
                # holds, or (no single candidate) the folder, whose grading then says why.
                entry = submissions[student]
                parcel = {"name": entry.name, "is_dir": entry.is_dir(), "files": package.pack(entry)}
                future = client.submit(grade_task, assignment, parcel, shared, options,
                                       key=f"grade-{assignment}-{student}-{run_id}", pure=False,
                                       retries=RETRIES)
                futures[future] = student
        for future in tqdm(as_completed(list(futures)), total=len(futures), unit="submission",
                           desc=f"grading {assignment} on {client.scheduler.address}"):
            student = futures.pop(future)
            recorder.record(student, _collect(future, assignment))
            future.release()  # its result is recorded: nothing to keep on the cluster
    finally:
        for future in futures:
            future.cancel()
        summary = recorder.close()
    return summary


def _collect(future, assignment: str) -> Results:
    """The task's Results; a task that failed on the cluster becomes an error result."""
    if future.cancelled():
        raise ClusterLost("the Dask scheduler cancelled the batch's tasks (it restarted or the "
                          "connection to it was lost); the grades recorded so far are kept: "
                          "rerun the batch to grade the rest")
    try:
        return Results.from_dict(future.result())
    except Exception as error:  # noqa: BLE001 - one student's failure never stops the class
        return Results(assignment=assignment, grader_errors=[
            f"grading failed on the Dask cluster: {type(error).__name__}: {error}"])
