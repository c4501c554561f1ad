"""Session fixtures of the a3_ngram hidden suite: the wiki corpus and the reference's wiki models, built once
per grading run. Student models are built inside each test: a model handle belongs to one worker."""
from dataclasses import dataclass

import pytest

from ngram_baseline import MIN_COUNT, ORDER, fit_baseline
from ngram_cases import WIKI_ADD_K
from nlpcourse import load_corpus


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
