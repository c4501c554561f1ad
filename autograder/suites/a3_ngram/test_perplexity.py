"""perplexity: exp of the mean negative logprob over every predicted token (one `</s>` per sentence, no `<s>`).

Recomputed from the student's own prob (not logprob, which has its own test), asked with contexts that need no
padding, cutting or `<unk>` mapping (exactly the n-1 tokens of the history, unknown words already written as
`<unk>` by the student's own vocab): a mistake in prob, in how it reads a context or in logprob costs points in
their tests, not here. Both models know `<unk>` from training (min_count=2), so even a Kneser-Ney mistake that
gives an unseen word probability 0 leaves the definition checkable."""
import math

import pytest

from autograder.proxy import call_each
from ngram_cases import PERPLEXITY_TOLERANCE, SMALL, as_probability, fit, vocab_of
from students_counting import either

pytestmark = pytest.mark.part("ngram_lm")

# Held-out sentences with unseen n-grams, out-of-vocabulary words and an empty sentence.
HELD_OUT = ["students opened their laptops".split(), "the proctor opened their exams".split(), [],
            "their door".split()]
# (n, min_count) of the models.
SETTINGS = [(3, 2), (2, 2)]


def histories(sentences, n, vocab):
    """(word, history) for every predicted token: the history is the n-1 tokens before it, `<s>`-padded, with
    unknown words written as `<unk>`."""
    known = set(vocab)
    for sentence in sentences:
        padded = ["<s>"] * (n - 1) + [word if word in known else "<unk>" for word in sentence] + ["</s>"]
        for i in range(n - 1, len(padded)):
            yield padded[i], padded[i - n + 1:i]


def students_windows(module):
    """histories() as the reference counting with the student's pad and ngrams reads the sentences."""
    def windows(sentences, n, vocab):
        known = set(vocab)
        for sentence in sentences:
            for gram in module.ngrams(module.pad([word if word in known else "<unk>" for word in sentence], n), n):
                yield gram[-1], list(gram[:-1])
    return windows


@pytest.mark.points(2)
@pytest.mark.parametrize("smoothing", ["add_k", "kneser_ney"])
@pytest.mark.parametrize("n, min_count", SETTINGS, ids=["trigram", "bigram"])
def test_perplexity_is_exp_of_mean_negative_logprob(student, reference, smoothing, n, min_count):
    what = f"{smoothing} n={n}, min_count={min_count}"
    lm = fit(student, n, smoothing, SMALL, min_count=min_count)
    prob, vocab = lm.prob, vocab_of(lm, what)
    actual = lm.perplexity(HELD_OUT)
    assert isinstance(actual, float) and math.isfinite(actual), \
        f"{what}: perplexity must be a finite float, got {actual!r}"

    def check(tokens_of):
        probs = [as_probability(value) for value in call_each(prob, list(tokens_of(HELD_OUT, n, vocab)))]
        assert all(0 < p <= 1 for p in probs), f"{what}: prob is not in (0, 1] on some held-out tokens"
        error = abs(actual / math.exp(-sum(math.log(p) for p in probs) / len(probs)) - 1)
        assert error <= PERPLEXITY_TOLERANCE, (
            f"{what}: perplexity on 4 held-out sentences differs by {error:.3g} relative from exp of the mean "
            f"-log prob over every word and one '</s>' per sentence (tolerance {PERPLEXITY_TOLERANCE:g} relative)")
    # With a wrong pad or ngrams, the windows they give are the ones a correct perplexity averages over.
    either(check, reference, student, from_reference=lambda _: histories, from_students_counting=students_windows)
