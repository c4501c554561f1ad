"""Batch throughput on Dask against the local pool: `python -m autograder batch` over the same N a1
submissions (bench/autograder_batch.py's class: the reference, the released stub and every
a1_softmax variant, cycled) with `-j 2` and with `--dask local:2` (a LocalCluster of
2 worker processes, 1 thread each), alternating, each into a fresh output folder.

    .venv/bin/python bench/grading_cluster.py [--count 100] [--repeats 1] [--workers 2]

Times the whole command, as an instructor waits for it: the Dask run includes starting and
stopping its LocalCluster. Prints submissions per minute of each, the ratio (goal: Dask within
1.2x of the local pool's time) and whether both wrote the same grades.csv. On the shared 2-core
development machine the load of other work moves both numbers: compare the ratio, medians when
repeated.
"""
import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from autograder_batch import ASSIGNMENT, make_submissions  # noqa: E402


def run_batch(submissions: Path, out: Path, how: list[str]) -> tuple[float, str]:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "autograder", "batch", ASSIGNMENT, str(submissions),
                    "--out", str(out), *how], check=True, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started, (out / "grades.csv").read_text()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100)
    parser.add_argument("--repeats", type=int, default=1)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    ways = {"local": ["-j", str(args.workers)], "dask": ["--dask", f"local:{args.workers}"]}
    seconds = {way: [] for way in ways}
    grades = {}
    with tempfile.TemporaryDirectory() as directory:
        submissions = Path(directory) / "submissions"
        submissions.mkdir()
        make_submissions(submissions, args.count)
        for repeat in range(args.repeats):
            order = list(ways) if repeat % 2 == 0 else list(reversed(ways))
            for way in order:
                out = Path(directory) / f"out-{way}-{repeat}"
                took, grades[way] = run_batch(submissions, out, ways[way])
                seconds[way].append(took)
                print(f"run {repeat + 1} {way:>5} ({' '.join(ways[way])}): {took:.0f} s, "
                      f"{60 * args.count / took:.1f} submissions/min", flush=True)
    local, dask = (statistics.median(seconds[way]) for way in ways)
    print(f"{args.count} {ASSIGNMENT} submissions, median of {args.repeats}: "
          f"-j {args.workers} {local:.0f} s ({60 * args.count / local:.1f}/min), "
          f"--dask local:{args.workers} {dask:.0f} s ({60 * args.count / dask:.1f}/min); "
          f"dask/local time ratio {dask / local:.2f} (goal <= 1.2); "
          f"same grades.csv: {'yes' if grades['local'] == grades['dask'] else 'NO'}")


if __name__ == "__main__":
    main()
