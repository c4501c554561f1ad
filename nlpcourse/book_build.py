"""Build the book on every core: `python -m nlpcourse.book_build [--jobs N]` (what `make book` runs).

Jupyter Book executes the pages one after the other, on one core, while Sphinx reads them. This command
first executes the pages that the build's notebook cache (``_build/.jupyter_cache``) lacks, N at a time
in separate kernels, and stores each executed notebook in that cache exactly as myst-nb would; then it
runs ``jupyter-book build --warningiserror --keep-going .``, which finds them cached and only renders.
Sphinx stays the judge: a page whose execution failed here is not stored, so the build executes it again
itself and fails on it with its usual message. A page that trains a model another page reads
(`nlpcourse.trained.once`) may, if both run at once, train it twice; `once` writes atomically, so the
only cost is CPU time.
Used by the Makefile (`make book`) and tests/book/conftest.py.
"""
import argparse
import os
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
# The page that takes longest by far (it trains three language models): started first, so that the other
# workers run the rest of the book meanwhile instead of waiting for it at the end.
START_FIRST = ("book/ch3_language_models/comparison.md",)


def toc_pages(repo: Path = REPO) -> list[Path]:
    """The pages of _toc.yml (root, chapters, sections), as .md paths, in reading order."""
    import yaml

    toc = yaml.safe_load((repo / "_toc.yml").read_text(encoding="utf-8"))
    found = []

    def walk(node):
        if isinstance(node, dict):
            for key in ("root", "file"):
                if key in node:
                    found.append(node[key])
            for value in node.values():
                if isinstance(value, (list, dict)):
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(toc)
    return [repo / f"{name}.md" for name in found]


def _read(path: Path):
    """The page as a notebook, read as myst-nb reads it in the build (so that the cache keys agree)."""
    from myst_nb.core.read import read_myst_markdown_notebook

    return read_myst_markdown_notebook(path.read_text(encoding="utf-8"), add_source_map=True, path=path)


def _execute(path: str, timeout: int, allow_errors: bool):
    """Run one page in a fresh kernel, in its own folder (as myst-nb does); the executed notebook or the error."""
    from jupyter_cache.executors.utils import single_nb_execution

    notebook = _read(Path(path))
    result = single_nb_execution(notebook, cwd=str(Path(path).parent), allow_errors=allow_errors,
                                 timeout=timeout, meta_override=True)
    return notebook, result.time, (result.exc_string if result.err is not None else None)


def execute_missing(jobs: int, repo: Path = REPO) -> None:
    """Execute, `jobs` at a time, the toc's notebook pages that the cache lacks, and store them in the cache."""
    import yaml
    from jupyter_cache import get_cache
    from jupyter_cache.base import CacheBundleIn
    from myst_nb.core.read import is_myst_markdown_notebook

    execute = yaml.safe_load((repo / "_config.yml").read_text(encoding="utf-8")).get("execute", {})
    if execute.get("execute_notebooks", "cache") != "cache":
        return  # only the cache mode reads what this stores
    cache = get_cache(str(repo / "_build" / ".jupyter_cache"))
    missing, keys = [], set()
    for page in toc_pages(repo):
        if not is_myst_markdown_notebook(page.read_text(encoding="utf-8")):
            continue  # a plain Markdown page: nothing to execute
        notebook = _read(page)  # one without code cells too: myst-nb would start a kernel for it
        key = cache.create_hashed_notebook(notebook)[1]
        try:
            cache.match_cache_notebook(notebook)
        except KeyError:
            if key not in keys:  # pages with the same code (those with none) share one cache entry
                missing.append(page)
                keys.add(key)
    first = [repo / name for name in START_FIRST]
    missing.sort(key=lambda page: page not in first)  # stable: the rest keep the reading order
    if not missing:
        return
    print(f"executing {len(missing)} pages, {jobs} at a time", flush=True)
    began = time.perf_counter()
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        futures = {pool.submit(_execute, str(page), execute.get("timeout", 600), execute.get("allow_errors", False)): page
                   for page in missing}
        for future in as_completed(futures):
            page = futures[future]
            notebook, seconds, error = future.result()
            name = page.relative_to(repo)
            if error is not None:
                print(f"{name}: failed after {seconds:.0f} s; the build will execute it again and report it", flush=True)
                continue
            cache.cache_notebook_bundle(CacheBundleIn(notebook, str(page), data={"execution_seconds": seconds}),
                                        check_validity=False, overwrite=True)
            print(f"{name}: executed in {seconds:.1f} s", flush=True)
    print(f"pages executed in {time.perf_counter() - began:.0f} s", flush=True)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    # Two by default: what the 2-core build machine has; more workers would mostly train the word2vec model
    # that four ch2 pages share several times at once (each page that finds it missing trains it).
    parser.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1),
                        help="pages executed at once (default: 2, or 1 on one core); 1: jupyter-book executes them")
    args = parser.parse_args(argv)
    if args.jobs > 1:
        execute_missing(args.jobs)
    jupyter_book = Path(sys.executable).parent / "jupyter-book"
    return subprocess.run([str(jupyter_book), "build", "--warningiserror", "--keep-going", str(REPO)], cwd=REPO).returncode


if __name__ == "__main__":
    sys.exit(main())
