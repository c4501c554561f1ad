"""a3's wiki integration test reports what it grades: both models' test perplexities and CPU seconds are
measurements, so `check` and `grade` print them (issue 19: the add-k perplexity was graded, never shown)."""
import pytest

from tests.assignments.stated_bars import suite_module

MODELS = ["kneser_ney trigram on wiki", f"add_k trigram (k={suite_module('a3_ngram', 'ngram_cases').WIKI_ADD_K}) on wiki"]


@pytest.mark.slow
def test_wiki_perplexities_and_cpu_times_are_measured(grader):
    results = grader.reference("a3_ngram")  # the same grading as the reference's full-marks meta-test
    measured = {measurement.name: measurement.value for measurement in results.measurements}
    for model in MODELS:
        for name in (f"{model}: test perplexity", f"{model}: fit + perplexity, CPU seconds (one core)"):
            assert name in measured, f"{name!r} is not reported; reported: {sorted(measured)}"
            assert measured[name] > 0
    tests = [test for test in results.tests if test.name.startswith("wiki trigrams")]
    assert len(tests) == 1 and tests[0].max_score == 16, "the wiki models are graded by one 16-point test"
