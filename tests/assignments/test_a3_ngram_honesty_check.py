"""The a3_ngram hidden suite's wiki check that a reported perplexity comes from the model's own logprob
(autograder/suites/a3_ngram/ngram_cases.py: assert_reported_honestly), tested on its own: the wiki tests are
slow, so the variant meta-tests never run them, and no realistic bug makes a model lie about its perplexity."""
import importlib.util
from types import SimpleNamespace

import pytest

from autograder import layout
from autograder.in_process import load_reference
from nlpcourse import load_corpus

SUITE = layout.course().assignment("a3_ngram").suite


def assert_reported_honestly():
    spec = importlib.util.spec_from_file_location("a3_ngram_cases", SUITE / "ngram_cases.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.assert_reported_honestly


@pytest.fixture(scope="module")
def setup():
    reference = load_reference("a3_ngram")
    wiki = SimpleNamespace(train=load_corpus("wiki", "train")[:2000], test=load_corpus("wiki", "valid")[:150])
    kneser_ney = reference.NGramLM(3, discount=0.9, min_count=2).fit(wiki.train)
    add_k = reference.NGramLM(3, smoothing="add_k", k=0.01, min_count=2).fit(wiki.train)
    expected = SimpleNamespace(model=kneser_ney, perplexity=kneser_ney.perplexity(wiki.test))
    return assert_reported_honestly(), wiki, expected, add_k


def test_honest_reports_pass(setup):
    check, wiki, expected, add_k = setup
    check(expected.model, expected, expected.perplexity, wiki, "the reference itself")
    # A different model passes too, as long as it reports its own perplexity.
    check(add_k, expected, add_k.perplexity(wiki.test), wiki, "add-k reporting its own perplexity")


@pytest.mark.parametrize("factor", [0.9, 0.97, 1.05])
def test_a_scaled_report_fails(setup, factor):
    check, wiki, expected, _ = setup
    with pytest.raises(AssertionError, match="does not agree with logprob"):
        check(expected.model, expected, expected.perplexity * factor, wiki, "a scaled report")


def test_a_worse_model_claiming_the_reference_perplexity_fails(setup):
    check, wiki, expected, add_k = setup
    with pytest.raises(AssertionError, match="does not agree with logprob"):
        check(add_k, expected, expected.perplexity, wiki, "add-k claiming Kneser-Ney's perplexity")
