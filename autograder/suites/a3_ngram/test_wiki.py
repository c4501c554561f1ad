"""Perplexity on the wiki test split of trigram models fit on its train split, within a time budget.

The perplexity a model reports is checked against the student's own logprob on a random sample of test
tokens: the difference to the reference's logprob on those tokens has a small spread, so its sample mean
estimates log(perplexity) - log(reference perplexity) tightly (a control variate), and a reported number
that does not come from the model fails.
"""
import math
import time

import numpy as np
import pytest

from ngram_baseline import MIN_COUNT, ORDER, PERPLEXITY_MARGIN, TIME_BUDGET_SECONDS, fit_baseline
from ngram_cases import WIKI_ADD_K, predicted_tokens

SAMPLED_TOKENS = 300
# The reported log-perplexity may differ from the sampled estimate by this many standard errors (plus a
# little for rounding): a correct model is off by about one.
STANDARD_ERRORS = 5.0


def fit_and_score(student, wiki, build):
    """(model, test perplexity, seconds for fit + perplexity) of the model `build(NGramLM)` returns."""
    start = time.perf_counter()
    lm = build(student.with_timeout(TIME_BUDGET_SECONDS).NGramLM)
    perplexity = lm.perplexity(wiki.test)
    return lm, perplexity, time.perf_counter() - start


def assert_reported_honestly(lm, expected, perplexity, wiki, what):
    assert isinstance(perplexity, float) and math.isfinite(perplexity) and perplexity > 0, \
        f"{what}: perplexity must be a positive finite float, got {perplexity!r}"
    tokens = predicted_tokens(wiki.test)
    picks = np.random.default_rng(0).choice(len(tokens), size=SAMPLED_TOKENS, replace=False)
    logprob = lm.logprob
    gaps = np.array([expected.model.logprob(*tokens[i]) - logprob(*tokens[i]) for i in picks])
    if not np.all(np.isfinite(gaps)):
        raise AssertionError(f"{what}: logprob is not finite for some test tokens")
    expected_gap = math.log(perplexity) - math.log(expected.perplexity)
    error = abs(gaps.mean() - expected_gap)
    allowed = STANDARD_ERRORS * gaps.std(ddof=1) / math.sqrt(SAMPLED_TOKENS) + 1e-6
    assert error <= allowed, (
        f"{what}: the reported perplexity does not agree with logprob on {SAMPLED_TOKENS} sampled test tokens "
        f"(log-perplexity off by {error:.3g}, allowed {allowed:.3g})")


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
