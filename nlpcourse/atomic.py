"""Atomic file writes: a reader sees the old file or the complete new one, never half of it."""
import contextlib
import os
import tempfile
from pathlib import Path


@contextlib.contextmanager
def atomic_write(path: Path, mode: str = "wb"):
    """Open a temporary file beside ``path``; on success rename it over ``path``, else delete it.

    The temporary lives in the same directory so that the final rename is atomic (same
    file system). An exception, a Ctrl-C or a crash leaves only a ``.part`` file that is removed
    here when Python still runs, and that no loader ever reads.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(handle, mode, **({} if "b" in mode else {"encoding": "utf-8"})) as file:
            yield file
            file.flush()
            os.fsync(file.fileno())
        os.chmod(temp_name, 0o644)  # mkstemp makes it private; a cache is as readable as any file
        os.replace(temp_name, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp_name)
        raise
