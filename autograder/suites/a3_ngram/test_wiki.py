"""Perplexity on the wiki test split of trigram models fit on its train split, within a time budget; the
reported perplexity must agree with the model's own logprob (ngram_cases.assert_reported_honestly)."""
import time

import pytest

from ngram_baseline import MIN_COUNT, ORDER, PERPLEXITY_MARGIN, TIME_BUDGET_SECONDS, fit_baseline
from ngram_cases import WIKI_ADD_K, assert_reported_honestly


def fit_and_score(student, wiki, build):
    """(model, test perplexity, seconds for fit + perplexity) of the model `build(NGramLM)` returns."""
    start = time.perf_counter()
    lm = build(student.with_timeout(TIME_BUDGET_SECONDS).NGramLM)
    perplexity = lm.perplexity(wiki.test)
    return lm, perplexity, time.perf_counter() - start


@pytest.mark.slow
@pytest.mark.points(12)
def test_wiki_kneser_ney_trigram(student, wiki, wiki_reference):
    what = "kneser_ney trigram on wiki"
    expected = wiki_reference["kneser_ney"]
    lm, perplexity, seconds = fit_and_score(student, wiki, lambda NGramLM: fit_baseline(NGramLM, wiki.train))
    assert_reported_honestly(lm, expected, perplexity, wiki, what)
    threshold = expected.perplexity * (1 + PERPLEXITY_MARGIN)
    assert perplexity <= threshold, (
        f"{what}: test perplexity {perplexity:.1f} is more than {PERPLEXITY_MARGIN:.0%} above the reference's")
    assert seconds <= TIME_BUDGET_SECONDS, \
        f"{what}: fit + perplexity took {seconds:.0f} s, the budget is {TIME_BUDGET_SECONDS:.0f} s"


@pytest.mark.slow
@pytest.mark.points(4)
def test_wiki_add_k_trigram(student, wiki, wiki_reference):
    what = f"add_k trigram (k={WIKI_ADD_K}) on wiki"
    expected = wiki_reference["add_k"]
    lm, perplexity, seconds = fit_and_score(
        student, wiki, lambda NGramLM: NGramLM(ORDER, smoothing="add_k", k=WIKI_ADD_K, min_count=MIN_COUNT).fit(wiki.train))
    assert_reported_honestly(lm, expected, perplexity, wiki, what)
    error = abs(perplexity / expected.perplexity - 1)
    assert error <= 1e-6, f"{what}: test perplexity is off by {error:.2%} (tolerance 1e-6 relative)"
    assert perplexity > wiki_reference["kneser_ney"].perplexity, \
        f"{what}: add-k should be worse than Kneser-Ney here; check the smoothing"
    assert seconds <= TIME_BUDGET_SECONDS, \
        f"{what}: fit + perplexity took {seconds:.0f} s, the budget is {TIME_BUDGET_SECONDS:.0f} s"
