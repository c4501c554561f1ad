"""perplexity: exp of the mean negative logprob over every predicted token (one `</s>` per sentence, no `<s>`)."""
import math

import pytest

from ngram_cases import SMALL, as_number, fit, predicted_tokens

# Held-out sentences with unseen n-grams, out-of-vocabulary words and an empty sentence.
HELD_OUT = ["students opened their laptops".split(), "the proctor opened their exams".split(), [],
            "their door".split()]


@pytest.mark.points(4)
@pytest.mark.parametrize("smoothing", ["add_k", "kneser_ney"])
def test_perplexity_is_exp_of_mean_negative_logprob(student, smoothing):
    # Recomputed from the student's own logprob, so this checks the definition alone.
    lm = fit(student, 3, smoothing, SMALL, min_count=2)
    logprob = lm.logprob
    tokens = predicted_tokens(HELD_OUT)
    mean = -sum(as_number(logprob(word, context), f"{smoothing} trigram: logprob") for word, context in tokens) / len(tokens)
    assert math.isfinite(mean) and mean < 700, f"{smoothing} trigram: logprob is not finite on some held-out tokens"
    expected = math.exp(mean)
    actual = lm.perplexity(HELD_OUT)
    assert isinstance(actual, float) and math.isfinite(actual), \
        f"{smoothing} trigram: perplexity must be a finite float, got {actual!r}"
    assert abs(actual / expected - 1) <= 1e-9, (
        f"{smoothing} trigram: perplexity on 4 held-out sentences differs by {abs(actual / expected - 1):.2%} from "
        "exp of the mean -logprob over every word and one '</s>' per sentence (tolerance 1e-9 relative)")


@pytest.mark.points(2)
@pytest.mark.parametrize("smoothing", ["add_k", "kneser_ney"])
def test_perplexity_matches_reference(student, reference, smoothing):
    actual = fit(student, 2, smoothing, SMALL).perplexity(HELD_OUT)
    expected = fit(reference, 2, smoothing, SMALL).perplexity(HELD_OUT)
    assert isinstance(actual, float) and abs(actual / expected - 1) <= 1e-9, (
        f"{smoothing} bigram: perplexity on 4 held-out sentences is off by "
        f"{abs(actual / expected - 1) if isinstance(actual, float) else float('nan'):.2%} (tolerance 1e-9 relative)")
