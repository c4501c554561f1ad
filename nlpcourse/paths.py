"""Where the course library keeps and finds data (every chapter and assignment that loads a corpus)."""
import importlib.util
import os
from pathlib import Path

from .errors import MissingDataError

DATA_ENV_VAR = "NLPCOURSE_DATA"
DEFAULT_DATA_DIR = Path("~/.cache/nlpcourse")


def data_dir() -> Path:
    """The directory for downloads and parsed-corpus caches.

    ``$NLPCOURSE_DATA`` when set, else ``~/.cache/nlpcourse``. Created on first use by the
    functions that write into it, not here. Used by ch1-ch3 and a2-a4 through ``load_corpus``.
    """
    configured = os.environ.get(DATA_ENV_VAR)
    return Path(configured).expanduser() if configured else DEFAULT_DATA_DIR.expanduser()


def gensim_test_file(name: str) -> Path:
    """Path of a file in gensim's packaged test data, or a MissingDataError naming the fix."""
    # find_spec locates gensim without importing it: importing gensim takes seconds
    spec = importlib.util.find_spec("gensim")
    package = Path(spec.origin).parent if spec and spec.origin else Path("<gensim not installed>")
    path = package / "test" / "test_data" / name
    if not path.is_file():
        raise MissingDataError(
            f"gensim's packaged test data file {name!r} is missing (looked at {path}). "
            "Reinstall gensim with its test data: "
            "pip install --force-reinstall --no-deps gensim==4.4.0"
        )
    return path
