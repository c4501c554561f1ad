"""The Kneser-Ney pass mark, the budget and the wiki settings that a3's notebook states next to the NGramLM cell
are the numbers the hidden suite grades with (autograder/suites/a3_ngram/ngram_baseline.py, ngram_cases.py), and
the pass mark still follows from the reference's perplexity."""
import re

import pytest

from autograder.in_process import load_reference
from nlpcourse import load_corpus
from tests.assignments.stated_bars import stated as stated_near
from tests.assignments.stated_bars import suite_module as module_of
from tests.assignments.stated_bars import text_before as above


def suite_module(name):
    return module_of("a3_ngram", name)


def text_before(grade_id):
    return above("a3_ngram", grade_id)


def stated(pattern, text):
    return stated_near(pattern, text, "NGramLM")


@pytest.fixture(scope="module")
def model_text():
    return text_before("ngram_lm")


@pytest.fixture(scope="module")
def baseline():
    return suite_module("ngram_baseline")


def test_pass_mark(model_text, baseline):
    assert stated(r"test perplexity <= (\d+\.\d)", model_text) == [baseline.PERPLEXITY_BAR]
    found = re.search(r"the reference's\s+(\d+\.\d)\s+plus\s+(\d+)%", model_text)
    assert found, "the notebook no longer says how the pass mark follows from the reference"
    reference, margin = found.groups()
    assert float(reference) == baseline.REFERENCE_PERPLEXITY
    assert float(margin) / 100 == pytest.approx(baseline.PERPLEXITY_MARGIN)
    assert round(baseline.REFERENCE_PERPLEXITY * (1 + baseline.PERPLEXITY_MARGIN), 1) == baseline.PERPLEXITY_BAR


def test_budget(model_text, baseline):
    assert stated(r"(\d+) CPU seconds on one core", model_text) == [baseline.TIME_BUDGET_SECONDS]


def test_wiki_settings(model_text, baseline):
    cases = suite_module("ngram_cases")
    kneser_ney = re.search(r'NGramLM\((\d), smoothing="kneser_ney", discount=([\d.]+), min_count=(\d+)\)', model_text)
    assert kneser_ney, "the notebook no longer states the graded Kneser-Ney model"
    assert tuple(float(x) for x in kneser_ney.groups()) == (baseline.ORDER, baseline.DISCOUNT, baseline.MIN_COUNT)
    assert baseline.SMOOTHING == "kneser_ney"
    add_k = re.search(r'NGramLM\((\d), smoothing="add_k", k=([\d.]+), min_count=(\d+)\)', model_text)
    assert add_k, "the notebook no longer states the graded add-k model"
    assert tuple(float(x) for x in add_k.groups()) == (baseline.ORDER, cases.WIKI_ADD_K, baseline.MIN_COUNT)


@pytest.mark.slow
def test_reference_scores_the_stated_perplexity(baseline):
    reference = load_reference("a3_ngram")
    model = baseline.fit_baseline(reference.NGramLM, load_corpus("wiki", "train"))
    assert round(model.perplexity(load_corpus("wiki", "test")), 1) == baseline.REFERENCE_PERPLEXITY
