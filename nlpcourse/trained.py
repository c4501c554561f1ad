"""Train once, read everywhere: a model trained on one page of the book is reused by the others.

`once(name, settings, train)` returns what `train()` returned the first time it ran with these exact
settings, from a file under ``data_dir()/trained/``; the file name carries a hash of `name`, the settings
and this library's version of the data, so changing a setting trains again instead of reading a stale
result. What `train` returns must be picklable without the notebook that defined it: numbers, numpy
arrays, lists, dicts, a torch ``state_dict`` (not an ``nn.Module`` of a class defined in a page).
Used by ch2 (word vectors shared between the evaluation and count-vs-predict pages) and ch3 (the
language models of the comparison table, read again by the RNN and LSTM pages).
"""
import hashlib
import json
import pickle
from pathlib import Path
from typing import Any, Callable

from .atomic import atomic_write
from .paths import data_dir

FORMAT_VERSION = 1  # bump when what a page stores changes meaning without its settings changing


def once(name: str, settings: dict, train: Callable[[], Any]) -> Any:
    """`train()`'s result for (`name`, `settings`), computed on the first call and read afterwards.

    `settings` must be JSON-serializable (it is hashed: sizes, seeds, epochs, corpus split names).
    """
    path = stored_path(name, settings)
    if path.is_file():
        with path.open("rb") as file:
            return pickle.load(file)
    result = train()
    with atomic_write(path) as file:
        pickle.dump(result, file, protocol=pickle.HIGHEST_PROTOCOL)
    return result


def stored_path(name: str, settings: dict) -> Path:
    """Where `once` keeps the result of (`name`, `settings`)."""
    if not name.replace("_", "").replace("-", "").isalnum():
        raise ValueError(f"a trained-model name is letters, digits, '-' and '_', not {name!r}")
    key = json.dumps({"name": name, "settings": settings, "format": FORMAT_VERSION}, sort_keys=True)
    digest = hashlib.sha256(key.encode()).hexdigest()[:16]
    return data_dir() / "trained" / f"{name}-{digest}.pkl"
