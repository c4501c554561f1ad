"""Shared pieces of the a2_sgns hidden suite: its folder on sys.path (the grading run imports tests with
--import-mode=importlib, which does not add it) and the one training run on the wiki train split."""
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

SUITE_DIR = str(Path(__file__).resolve().parent)
if SUITE_DIR not in sys.path:
    sys.path.insert(0, SUITE_DIR)

from autograder.api import StudentError  # noqa: E402
from nlpcourse import load_corpus  # noqa: E402
from sgns_cases import TIME_BUDGET_SECONDS, TRAINING_EPOCHS  # noqa: E402


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
