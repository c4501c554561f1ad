"""``load_corpus``: every corpus of the course as lists of lowercase tokens, parsed once and cached."""
import hashlib
import warnings
from collections.abc import Callable
from pathlib import Path

from .errors import CacheError, UnknownNameError
from .lee import build_lee
from .paths import DATA_ENV_VAR, data_dir
from .splits import SPLITS
from .standard_datasets import build_ptb, build_text8, build_wikitext2
from .token_file import CorruptTokenFile, read_token_file, write_token_file
from .wiki import build_wiki

# Bump when a parser changes, so that caches written by an older parser are not used.
CACHE_VERSION = 1

BUILDERS: dict[str, Callable[[], dict[str, list[list[str]]]]] = {
    "wiki": build_wiki,
    "lee": build_lee,
    "ptb": build_ptb,
    "wikitext-2": build_wikitext2,
    "text8": build_text8,
}


def load_corpus(name: str, split: str = "train") -> list[list[str]]:
    """Sentences of a corpus split, each a list of lowercase word tokens (at most 50 tokens).

    Built in (offline): ``"wiki"`` (gensim's English Wikipedia sample, ch1-ch3, a2-a4) and
    ``"lee"`` (gensim's Lee news corpus, ch1-ch2), split by document 80/10/10.
    Downloaded on first use into ``data_dir()/downloads`` (sha256-checked; see
    ``nlpcourse.standard_datasets``): ``"ptb"``, ``"wikitext-2"``, ``"text8"`` (ch3, a3, a4).
    Every corpus has the splits ``"train"``, ``"valid"`` and ``"test"``, disjoint and the same
    on every run.

    The first call parses the source (a few seconds) and writes every split to
    ``data_dir()/corpora``; later calls read that cache. A cache file that is incomplete or
    not a cache file is rebuilt (with a warning); one that cannot be read raises CacheError.
    """
    if not isinstance(name, str) or name not in BUILDERS:
        raise UnknownNameError(f"unknown corpus {name!r}; choose one of {sorted(BUILDERS)}")
    if not isinstance(split, str) or split not in SPLITS:
        raise UnknownNameError(f"unknown split {split!r} of corpus {name!r}; choose one of {list(SPLITS)}")
    try:
        return read_token_file(_cache_path(name, split))
    except (FileNotFoundError, NotADirectoryError):
        pass  # not cached yet
    except CorruptTokenFile as problem:
        warnings.warn(f"rebuilding the corrupt cache {_cache_path(name, split)}: {problem}", stacklevel=2)
    except OSError as problem:
        raise CacheError(
            f"cannot read the corpus cache {_cache_path(name, split)} ({problem}). Delete that file, "
            f"or set {DATA_ENV_VAR} to a directory you can read and write"
        ) from problem
    return _build_and_cache(name)[split]


def _build_and_cache(name: str) -> dict[str, list[list[str]]]:
    splits = BUILDERS[name]()
    for split, sentences in splits.items():
        try:
            write_token_file(_cache_path(name, split), sentences)
        except OSError as problem:
            raise CacheError(
                f"cannot write the corpus cache {_cache_path(name, split)} ({problem}). "
                f"Set {DATA_ENV_VAR} to a writable directory"
            ) from problem
    return splits


def _cache_path(name: str, split: str) -> Path:
    return data_dir() / "corpora" / f"v{CACHE_VERSION}" / name / f"{split}.txt"


def corpus_fingerprint(name: str) -> str:
    """sha256 of a corpus's parsed splits as cached (parsing it first if needed): a key for what is
    computed from the corpus and cached (a4's grading baselines), cheaper than reading it."""
    digest = hashlib.sha256()
    for split in SPLITS:
        path = _cache_path(name, split)
        if not path.is_file():
            load_corpus(name, split)
        digest.update(split.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()
