"""The wiki id streams and the two baselines the RNN LM is scored against, computed once per content
and cached: a3's Kneser-Ney trigram (a3's reference class with a3's settings, both files a4 declares
it needs, so they travel with its grading package) and the train split's unigram.

Fitting the trigram and encoding the corpus cost about 5 grader-side CPU seconds, the same in every
grading: the result is a pure function of a3's reference code, a3's settings, the corpus and this
suite's code, so it is kept under a sha256 of exactly those (data_dir()/grading/). A change to any
of them gives a new key and the cache rebuilds itself, deterministically, on the machine that grades
(a Dask worker, a Gradescope container): a cache can be missing, never stale. Where the data folder
cannot be written the grading computes the same numbers without keeping them.
"""
import hashlib
import importlib.util
import os
import types
from dataclasses import dataclass
from pathlib import Path

import numpy as np

import wiki_streams
from autograder.in_process import load_module
from autograder.submission import extract_code
from nlpcourse import data_dir
from nlpcourse.corpora import corpus_fingerprint

CACHE_FOLDER = "grading"


@dataclass(frozen=True)
class Baselines:
    kneser_ney_perplexity: float  # a3's trigram on the scored sentences (the RNN's scored tokens)
    unigram_perplexity: float


def a3_settings(path) -> types.ModuleType:
    """a3's ngram_baseline.py (a declared need of a4): ORDER, DISCOUNT, MIN_COUNT, fit_baseline."""
    spec = importlib.util.spec_from_file_location("a3_ngram_baseline", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def a3_trigram(needs: dict, train_sentences):
    """a3's Kneser-Ney trigram: a3's reference NGramLM with a3's settings, fit on `train_sentences`."""
    reference = load_module(needs["a3_reference"], "a3_reference")
    return a3_settings(needs["a3_settings"]).fit_baseline(reference.NGramLM, train_sentences)


def cache_key(needs: dict) -> str:
    """sha256 of everything the streams and baselines are computed from."""
    digest = hashlib.sha256()
    parts = [extract_code(needs["a3_reference"]).encode(), Path(needs["a3_settings"]).read_bytes(),
             corpus_fingerprint("wiki").encode(), Path(wiki_streams.__file__).read_bytes(),
             Path(__file__).read_bytes(), np.__version__.encode()]
    for part in parts:
        digest.update(len(part).to_bytes(8, "little") + part)
    return digest.hexdigest()


def wiki_and_baselines(needs: dict) -> tuple[wiki_streams.WikiStreams, Baselines]:
    """The id streams train_rnnlm gets and the baselines, from the cache or computed (and cached)."""
    path = data_dir() / CACHE_FOLDER / f"a4_rnn-wiki-{cache_key(needs)}.npz"
    try:
        return _read(path)
    except (OSError, KeyError, ValueError):
        pass  # not cached yet (or unreadable): compute, as every grading did before the cache
    wiki, baselines = _compute(needs)
    try:
        _write(path, wiki, baselines)
    except OSError:
        pass  # a read-only data folder: the numbers are the same, only not kept
    return wiki, baselines


def _compute(needs: dict):
    wiki = wiki_streams.build_wiki_streams(a3_settings(needs["a3_settings"]).MIN_COUNT)
    trigram = a3_trigram(needs, wiki.train_sentences)
    if len(trigram.vocab) != wiki.vocab_size:
        raise RuntimeError(f"suite bug: the trigram has {len(trigram.vocab)} words, the RNN ids {wiki.vocab_size}")
    baselines = Baselines(kneser_ney_perplexity=float(trigram.perplexity(wiki.eval_sentences)),
                          unigram_perplexity=wiki_streams.unigram_perplexity(wiki))
    return wiki.without_sentences(), baselines


def _write(path: Path, wiki, baselines: Baselines) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f"{path.stem}.{os.getpid()}.partial.npz")
    np.savez(partial, train_ids=wiki.train_ids, valid_ids=wiki.valid_ids,
             vocab_size=wiki.vocab_size, eos_id=wiki.eos_id,
             block_lengths=[len(block) for block in wiki.eval_blocks],
             eval_ids=np.concatenate(wiki.eval_blocks),
             baselines=[baselines.kneser_ney_perplexity, baselines.unigram_perplexity])
    os.replace(partial, path)  # whole or absent: a grading running beside never reads half a file


def _read(path: Path):
    with np.load(path) as data:
        ends = np.cumsum(data["block_lengths"])
        blocks = np.split(data["eval_ids"], ends[:-1])
        wiki = wiki_streams.WikiStreams(train_ids=data["train_ids"], valid_ids=data["valid_ids"],
                                        vocab_size=int(data["vocab_size"]), eos_id=int(data["eos_id"]),
                                        eval_blocks=list(blocks))
        kneser_ney, unigram = (float(value) for value in data["baselines"])
    return wiki, Baselines(kneser_ney, unigram)
