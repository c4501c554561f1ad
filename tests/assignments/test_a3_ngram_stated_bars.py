"""The Kneser-Ney pass mark, the budget and the wiki settings that a3's notebook states next to the NGramLM cell
are the numbers the hidden suite grades with (autograder/suites/a3_ngram/ngram_baseline.py, ngram_cases.py), and
the pass mark still follows from the reference's perplexity."""
import importlib.util
import json
import re

import pytest

from autograder.grading import SOLUTIONS_DIR, SUITES_DIR
from autograder.in_process import load_reference
from nlpcourse import load_corpus

NOTEBOOK = SOLUTIONS_DIR / "a3_ngram" / "a3_ngram.ipynb"


def suite_module(name):
    spec = importlib.util.spec_from_file_location(f"a3_{name}_stated", SUITES_DIR / "a3_ngram" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def text_before(grade_id):
    """The markdown cell right above the solution cell `grade_id`: where its grading is stated."""
    cells = json.loads(NOTEBOOK.read_text())["cells"]
    for index, cell in enumerate(cells):
        if cell["metadata"].get("nbgrader", {}).get("grade_id") == grade_id:
            above = cells[index - 1]
            assert above["cell_type"] == "markdown", f"the cell above {grade_id} is not markdown"
            return "".join(above["source"])
    raise AssertionError(f"{NOTEBOOK.name} has no solution cell {grade_id}")


def stated(pattern, text):
    found = [float(value) for value in re.findall(pattern, text)]
    assert found, f"the notebook no longer states {pattern!r} next to the NGramLM cell"
    return found


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
