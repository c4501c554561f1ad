"""Session fixtures of the a3_ngram hidden suite: the wiki corpus and the reference's wiki models, built once
per grading run. Student models are built inside each test: a model handle belongs to one worker."""
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

# The grading run imports test files with --import-mode=importlib, which leaves this folder off sys.path;
# the tests import their shared cases (ngram_cases.py, ngram_baseline.py) from it.
SUITE_DIR = str(Path(__file__).resolve().parent)
if SUITE_DIR not in sys.path:
    sys.path.insert(0, SUITE_DIR)

from ngram_baseline import MIN_COUNT, ORDER, fit_baseline  # noqa: E402
from ngram_cases import WIKI_ADD_K  # noqa: E402
from nlpcourse import load_corpus  # noqa: E402


@dataclass(frozen=True)
class Wiki:
    train: list
    test: list


@pytest.fixture(scope="session")
def wiki():
    return Wiki(load_corpus("wiki", "train"), load_corpus("wiki", "test"))


@dataclass(frozen=True)
class Scored:
    model: object
    perplexity: float


@pytest.fixture(scope="session")
def wiki_reference(reference, wiki):
    """The reference's Kneser-Ney baseline and add-k trigram fit on the wiki train split, with their test
    perplexities."""
    add_k = reference.NGramLM(ORDER, smoothing="add_k", k=WIKI_ADD_K, min_count=MIN_COUNT).fit(wiki.train)
    return {name: Scored(model, model.perplexity(wiki.test))
            for name, model in (("kneser_ney", fit_baseline(reference.NGramLM, wiki.train)), ("add_k", add_k))}
