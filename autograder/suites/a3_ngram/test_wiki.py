"""The one integration test of a3: trigram models fit on the wiki train split and scored on its test split, each
within a budget of CPU seconds; a reported perplexity must agree with the model's own logprob
(ngram_cases.assert_reported_honestly). The other tests check each function on its own, so a mistake anywhere
costs its function's points and, at most, this test's."""
import pytest

from autograder.api import StudentError
from ngram_baseline import MIN_COUNT, ORDER, PERPLEXITY_BAR, REFERENCE_PERPLEXITY, TIME_BUDGET_SECONDS, fit_baseline
from ngram_cases import WIKI_ADD_K, WIKI_ADD_K_TOLERANCE, as_model, assert_reported_honestly

pytestmark = pytest.mark.part("ngram_lm")
# The test's points: the Kneser-Ney model's share and the add-k model's (the notebook states both).
KNESER_NEY_POINTS, ADD_K_POINTS = 12, 4


def fit_and_score(student_stage, student, wiki, what, build, measured):
    """(model, test perplexity) of the model `build(NGramLM)` returns: fit + perplexity are one student stage,
    charged in CPU seconds against TIME_BUDGET_SECONDS; the CPU time is reported."""
    def run():
        lm = as_model(build(student.NGramLM), what)
        return lm, lm.perplexity(wiki.test)
    stage = student_stage(f"{what}: fit + perplexity", run, cpu_budget=TIME_BUDGET_SECONDS)
    measured(f"{what}: fit + perplexity, CPU seconds (one core)", stage.usage.seconds, bar=TIME_BUDGET_SECONDS,
             unit=" s")
    assert not stage.usage.over_budget, f"{what}: fit + perplexity {stage.usage.describe()}"
    return stage.value


def check_kneser_ney(student_stage, student, wiki, wiki_reference, measured):
    what = "kneser_ney trigram on wiki"
    lm, perplexity = fit_and_score(student_stage, student, wiki, what,
                                   lambda NGramLM: fit_baseline(NGramLM, wiki.train), measured)
    assert_reported_honestly(lm, wiki_reference["kneser_ney"], perplexity, wiki, what)
    measured(f"{what}: test perplexity", perplexity, bar=PERPLEXITY_BAR)
    assert perplexity <= PERPLEXITY_BAR, (
        f"{what}: test perplexity {perplexity:.1f} is above the pass mark {PERPLEXITY_BAR} (the reference's "
        f"{REFERENCE_PERPLEXITY} plus 2%)")


def check_add_k(student_stage, student, wiki, wiki_reference, measured):
    what = f"add_k trigram (k={WIKI_ADD_K}) on wiki"
    expected = wiki_reference["add_k"]
    lm, perplexity = fit_and_score(
        student_stage, student, wiki, what,
        lambda NGramLM: NGramLM(ORDER, smoothing="add_k", k=WIKI_ADD_K, min_count=MIN_COUNT).fit(wiki.train),
        measured)
    assert_reported_honestly(lm, expected, perplexity, wiki, what)
    measured(f"{what}: test perplexity", perplexity)
    error = abs(perplexity / expected.perplexity - 1)
    assert error <= WIKI_ADD_K_TOLERANCE, (
        f"{what}: test perplexity is off from the reference's by {error:.3g} relative "
        f"(tolerance {WIKI_ADD_K_TOLERANCE:g})")


@pytest.mark.slow
@pytest.mark.measurement
@pytest.mark.points(KNESER_NEY_POINTS + ADD_K_POINTS)
def test_wiki_trigrams(student_stage, student, wiki, wiki_reference, measured, partial_credit):
    """wiki trigrams: Kneser-Ney's test perplexity at most the bar (12 points), add-k's equal to the reference's
    (4 points), each within the CPU budget"""
    failed, earned = [], 0
    for points, check in ((KNESER_NEY_POINTS, check_kneser_ney), (ADD_K_POINTS, check_add_k)):
        try:
            check(student_stage, student, wiki, wiki_reference, measured)
            earned += points
        except (AssertionError, StudentError) as error:
            failed.append(str(error))
    if failed:
        partial_credit(earned / (KNESER_NEY_POINTS + ADD_K_POINTS))
        raise AssertionError("; ".join(failed))
