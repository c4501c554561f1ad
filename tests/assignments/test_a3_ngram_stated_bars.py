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
    found = re.search(r"the\s+reference's\s+(\d+\.\d)\s+plus\s+(\d+)%", model_text)
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


def powers_of_ten(pattern, text):
    """The tolerances `pattern` finds in `text`, written $10^{-k}$ in the notebook, as floats."""
    return [10.0 ** int(exponent) for exponent in re.findall(pattern, text)]


def test_tolerances(model_text):
    cases = suite_module("ngram_cases")
    flat = " ".join(model_text.split())  # a statement may wrap over lines
    statements = {  # what the notebook says -> the suite's constant
        r"against the reference, within \$10\^\{(-\d+)\}\$ \(absolute\)": cases.PROB_TOLERANCE,
        r"sums to one over `vocab` within \$10\^\{(-\d+)\}\$": cases.SUM_TOLERANCE,
        r"read as the notebook says, within \$10\^\{(-\d+)\}\$ \(absolute\)": cases.CONSISTENCY_TOLERANCE,
        r"natural log of your own `prob`, within \$10\^\{(-\d+)\}\$ \(absolute\)": cases.CONSISTENCY_TOLERANCE,
        r"predicted token of four held-out sentences, within \$10\^\{(-\d+)\}\$ \(relative\)": cases.PERPLEXITY_TOLERANCE,
        r"equal the reference's within \$10\^\{(-\d+)\}\$ \(relative\)": cases.WIKI_ADD_K_TOLERANCE,
        r"fails below \$p = 10\^\{(-\d+)\}\$": cases.P_VALUE_FLOOR,
    }
    for pattern, constant in statements.items():
        found = powers_of_ten(pattern, flat)
        assert found == [pytest.approx(constant, rel=1e-12)], \
            f"the notebook states {found} for {pattern!r}; the suite grades with {constant:g}"
    # Every tolerance the section states is one of the statements above: no second, stale statement.
    assert len(re.findall(r"10\^\{-\d+\}", flat)) == len(statements)
    assert re.search(rf"chi-square test on {cases.GENERATE_SAMPLES} samples", flat)
    assert re.search(rf"on {cases.SAMPLED_TOKENS} test tokens drawn at random \(within {cases.STANDARD_ERRORS:g}", flat)
