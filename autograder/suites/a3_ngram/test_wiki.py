"""Perplexity on the wiki test split of trigram models fit on its train split, within a budget of CPU seconds;
the reported perplexity must agree with the model's own logprob (ngram_cases.assert_reported_honestly)."""
import pytest

from ngram_baseline import MIN_COUNT, ORDER, PERPLEXITY_BAR, REFERENCE_PERPLEXITY, TIME_BUDGET_SECONDS, fit_baseline
from ngram_cases import WIKI_ADD_K, as_model, assert_reported_honestly


def fit_and_score(student_stage, student, wiki, what, build):
    """(model, test perplexity, usage) of the model `build(NGramLM)` returns: fit + perplexity are one student
    stage, charged in CPU seconds against TIME_BUDGET_SECONDS."""
    def run():
        lm = as_model(build(student.NGramLM), what)
        return lm, lm.perplexity(wiki.test)
    stage = student_stage(f"{what}: fit + perplexity", run, cpu_budget=TIME_BUDGET_SECONDS)
    lm, perplexity = stage.value
    return lm, perplexity, stage.usage


@pytest.mark.slow
@pytest.mark.measurement
@pytest.mark.points(12)
def test_wiki_kneser_ney_trigram(student_stage, student, wiki, wiki_reference, measured):
    """kneser_ney trigram on wiki: test perplexity at most the bar, within the CPU budget"""
    what = "kneser_ney trigram on wiki"
    lm, perplexity, usage = fit_and_score(student_stage, student, wiki, what,
                                          lambda NGramLM: fit_baseline(NGramLM, wiki.train))
    measured(f"{what}: fit + perplexity, CPU seconds (one core)", usage.seconds, bar=TIME_BUDGET_SECONDS,
             unit=" s")
    assert not usage.over_budget, f"{what}: fit + perplexity {usage.describe()}"
    assert_reported_honestly(lm, wiki_reference["kneser_ney"], perplexity, wiki, what)
    measured(f"{what}: test perplexity", perplexity, bar=PERPLEXITY_BAR)
    assert perplexity <= PERPLEXITY_BAR, (
        f"{what}: test perplexity {perplexity:.1f} is above the pass mark {PERPLEXITY_BAR} (the reference's "
        f"{REFERENCE_PERPLEXITY} plus 2%)")


@pytest.mark.slow
@pytest.mark.points(4)
def test_wiki_add_k_trigram(student_stage, student, wiki, wiki_reference):
    """add_k trigram on wiki: test perplexity equal to the reference's, within the CPU budget"""
    what = f"add_k trigram (k={WIKI_ADD_K}) on wiki"
    expected = wiki_reference["add_k"]
    lm, perplexity, usage = fit_and_score(
        student_stage, student, wiki, what,
        lambda NGramLM: NGramLM(ORDER, smoothing="add_k", k=WIKI_ADD_K, min_count=MIN_COUNT).fit(wiki.train))
    assert not usage.over_budget, f"{what}: fit + perplexity {usage.describe()}"
    assert_reported_honestly(lm, expected, perplexity, wiki, what)
    error = abs(perplexity / expected.perplexity - 1)
    assert error <= 1e-6, f"{what}: test perplexity is off by {error:.2%} (tolerance 1e-6 relative)"
    assert perplexity > wiki_reference["kneser_ney"].perplexity, \
        f"{what}: add-k should be worse than Kneser-Ney here; check the smoothing"
