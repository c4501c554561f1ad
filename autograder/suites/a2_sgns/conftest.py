"""Shared pieces of the a2_sgns hidden suite: the one training run on the wiki train split."""
import time
from dataclasses import dataclass

import pytest

from autograder.api import StudentError
from nlpcourse import load_corpus
from sgns_cases import TIME_BUDGET_SECONDS, TRAINING_EPOCHS


@dataclass(frozen=True)
class Training:
    """What the student's train_sgns returned on the wiki train split, or why it did not."""
    vocab: object
    vectors: object
    seconds: float
    error: str | None


@pytest.fixture(scope="session")
def wiki_train():
    return load_corpus("wiki", "train")


@pytest.fixture(scope="session")
def wiki_training(student, wiki_train):
    """The student's train_sgns on the wiki train split, run once and shared by the slow tests."""
    started = time.perf_counter()
    try:
        vocab, vectors = student.with_timeout(TIME_BUDGET_SECONDS).train_sgns(wiki_train, epochs=TRAINING_EPOCHS)
    except (StudentError, TypeError, ValueError) as error:  # TypeError/ValueError: not a (vocab, vectors) pair
        return Training(None, None, time.perf_counter() - started, f"{type(error).__name__}: {error}")
    return Training(vocab, vectors, time.perf_counter() - started, None)
