"""Shared pieces of the a2_sgns hidden suite: the one training run on the wiki train split."""
import pytest

from nlpcourse import load_corpus
from sgns_cases import TIME_BUDGET_SECONDS, TRAINING_EPOCHS


@pytest.fixture(scope="session")
def wiki_train():
    return load_corpus("wiki", "train")


@pytest.fixture(scope="session")
def wiki_training(student_stage, student, wiki_train):
    """The student's train_sgns on the wiki train split, run once and shared by the slow tests: a
    student stage (autograder.plugin) charged in CPU seconds against TIME_BUDGET_SECONDS. Code
    written with a `time_budget` keyword is told the budget, so it can stop in time."""
    train = student.train_sgns
    options = {"epochs": TRAINING_EPOCHS}
    if train.accepts_keyword("time_budget"):
        options["time_budget"] = TIME_BUDGET_SECONDS

    def run():
        result = train(wiki_train, **options)
        assert isinstance(result, (tuple, list)) and len(result) == 2, \
            f"train_sgns must return (vocab, vectors), got {type(result).__name__}"
        return tuple(result)
    return student_stage(f"train_sgns on the wiki train split (epochs={TRAINING_EPOCHS})", run,
                         cpu_budget=TIME_BUDGET_SECONDS)
