"""The pass mark, partial-credit floor, budget and settings that a2's notebook states next to the train_sgns
cell are the numbers the hidden suite grades with (autograder/suites/a2_sgns/sgns_cases.py)."""
import re

import pytest

from tests.assignments.stated_bars import suite_module, text_before
from tests.assignments.stated_bars import stated as stated_near


def stated(pattern, text):
    return stated_near(pattern, text, "train_sgns")


@pytest.fixture(scope="module")
def train_text():
    return text_before("a2_sgns", "train_sgns")


@pytest.fixture(scope="module")
def cases():
    return suite_module("a2_sgns", "sgns_cases")


def test_budget(train_text, cases):
    assert stated(r"(\d+) CPU seconds on one core", train_text) == [cases.TIME_BUDGET_SECONDS]


def test_pass_mark(train_text, cases):
    assert stated(r"WordSim-353 Spearman rho >= (\d\.\d+)", train_text) == [cases.RHO_BAR]


def test_partial_credit_scale(train_text, cases):
    found = re.search(r"linearly\s+from\s+rho\s+(\d\.\d+)\s+\(none\)\s+to\s+(\d\.\d+)\s+\(all\)", train_text)
    assert found, "the notebook no longer states the partial-credit scale next to the train_sgns cell"
    floor, bar = found.groups()
    assert (float(floor), float(bar)) == (cases.RHO_FLOOR, cases.RHO_BAR)
    assert 0 < cases.RHO_FLOOR < cases.RHO_BAR < cases.REFERENCE_RHO


def test_training_call_and_reference(train_text, cases):
    assert stated(r"train_sgns\(wiki_train, epochs=(\d+)\)", train_text) == [cases.TRAINING_EPOCHS]
    assert stated(r"The reference\s+reaches (\d\.\d+)", train_text) == [cases.REFERENCE_RHO]


def test_partial_credit_is_linear_between_floor_and_bar(cases):
    """rho_credit (the training test's share of points) pays nothing up to the floor, all from the bar, linearly
    between."""
    middle = (cases.RHO_FLOOR + cases.RHO_BAR) / 2
    for rho, share in [(-0.2, 0.0), (cases.RHO_FLOOR, 0.0), (middle, 0.5), (cases.RHO_BAR, 1.0), (0.6, 1.0),
                       (float("nan"), 0.0)]:
        assert cases.rho_credit(rho) == pytest.approx(share), rho
