"""Downloading a file once, verified by sha256, written atomically (ch3 and a3-a4 through load_corpus).

Nothing half-written ever sits at the final path: the bytes go to a temporary file beside it,
and only a complete, verified download is renamed into place.
"""
import hashlib
import warnings
from dataclasses import dataclass
from pathlib import Path

from .atomic import atomic_write
from .errors import ChecksumError, DownloadError, NlpCourseError

CHUNK_BYTES = 1 << 16
TIMEOUT_SECONDS = 60


@dataclass(frozen=True)
class RemoteFile:
    """A file at ``url``, saved as ``filename``. ``sha256`` is the digest it must have; None means
    nobody has pinned it yet (the download then warns and prints the digest to pin). ``size`` in
    bytes, when known, is checked too."""
    url: str
    filename: str
    sha256: str | None
    size: int | None = None


def fetch(remote: RemoteFile, directory: Path) -> Path:
    """Path of ``remote`` in ``directory``: verified if already there (downloaded before or placed
    by hand), else downloaded with a progress bar. Raises DownloadError (offline, server error,
    interrupted transfer) or ChecksumError (wrong content); each message names the fix."""
    path = Path(directory) / remote.filename
    if path.exists():
        _verify(remote, path, _sha256_of_file(path), path.stat().st_size, origin=f"the file at {path}")
        return path
    # Imported only to download: http.client, urllib.request and tqdm cost ~0.1 s at import, paid
    # otherwise by every process that imports nlpcourse (each grading of a2-a4, each book kernel).
    import http.client
    import urllib.error
    import urllib.request
    try:
        with urllib.request.urlopen(remote.url, timeout=TIMEOUT_SECONDS) as response, atomic_write(path) as out:
            digest, received = _copy(response, out, remote.filename)
            _verify(remote, path, digest, received, origin=f"the download from {remote.url}")
    except NlpCourseError:
        raise
    except urllib.error.HTTPError as problem:
        raise DownloadError(f"{remote.url} answered HTTP {problem.code} {problem.reason}. "
                            f"Download it by hand and {_place_at(path)}") from problem
    except (urllib.error.URLError, http.client.HTTPException, OSError) as problem:
        raise DownloadError(f"could not download {remote.url} ({_reason(problem)}). If this machine is offline, "
                            f"download that URL on another machine and {_place_at(path)}") from problem
    return path


def _copy(response, out, name: str) -> tuple[str, int]:
    """Stream the response into ``out``; return (sha256, byte count). An early end is an error."""
    import http.client

    from tqdm.auto import tqdm
    expected = int(response.headers.get("Content-Length") or 0) or None
    digest, received = hashlib.sha256(), 0
    with tqdm(total=expected, unit="B", unit_scale=True, desc=f"downloading {name}") as progress:
        while chunk := response.read(CHUNK_BYTES):
            out.write(chunk)
            digest.update(chunk)
            received += len(chunk)
            progress.update(len(chunk))
    if expected is not None and received != expected:
        raise http.client.IncompleteRead(b"", expected - received)
    return digest.hexdigest(), received


def _verify(remote: RemoteFile, path: Path, digest: str, size: int, origin: str) -> None:
    fix = (f"Delete {path} to download it again, or place a correct copy of {remote.url} there"
           if origin.startswith("the file") else "Try again later; if it persists, the file at that URL has changed")
    if remote.size is not None and size != remote.size:
        raise ChecksumError(f"{origin} has {size} bytes, expected {remote.size}. {fix}")
    if remote.sha256 is None:
        warnings.warn(f"no sha256 is pinned for {remote.url}; {origin} has sha256 {digest}. "
                      "Pin it in nlpcourse/standard_datasets.py", stacklevel=3)
    elif digest != remote.sha256:
        raise ChecksumError(f"{origin} has sha256 {digest}, expected {remote.sha256}. {fix}")


def _sha256_of_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        while chunk := file.read(CHUNK_BYTES):
            digest.update(chunk)
    return digest.hexdigest()


def _place_at(path: Path) -> str:
    return f"place the file at {path} (it is checked against its sha256 when loaded)"


def _reason(problem: Exception) -> str:
    import http.client
    if isinstance(problem, http.client.IncompleteRead):
        return f"the transfer was interrupted with {problem.expected} bytes missing"
    return str(getattr(problem, "reason", None) or problem)
