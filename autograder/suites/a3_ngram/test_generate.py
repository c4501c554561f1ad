"""generate: samples until `</s>` or max_len, never `<s>`, from the model's own distribution.

Seeded reproducibility is not required; the first token is checked statistically instead.
"""
import numpy as np
import pytest
from scipy.special import chdtrc  # chi-square survival function; scipy.stats costs 2 CPU s to import per grading

from autograder.api import RNG
from autograder.proxy import call_each
from ngram_cases import GENERATE_SAMPLES as SAMPLES
from ngram_cases import P_VALUE_FLOOR, SMALL, fit, prob_table, vocab_of

pytestmark = pytest.mark.part("ngram_lm")


@pytest.mark.points(4)
def test_generate_stops_at_end_and_never_emits_start(student):
    lm = fit(student, 2, "kneser_ney", SMALL)
    vocab, generate = set(vocab_of(lm, "kneser_ney bigram")), lm.generate
    assert "</s>" in vocab, "kneser_ney bigram: vocab lacks '</s>', so no sample can end"
    ended = 0
    for seed, max_len in enumerate([20] * 30 + [2] * 10):
        tokens = generate(RNG(seed), max_len=max_len)
        assert isinstance(tokens, list) and all(isinstance(token, str) for token in tokens), \
            f"generate must return a list of str, got {type(tokens).__name__}"
        # Unless the student's vocab holds '<s>' (a mistake vocab's tests charge), sampling never gives it.
        assert "<s>" not in tokens or "<s>" in vocab, "generate emitted '<s>', which the model never predicts"
        assert len(tokens) <= max_len, f"generate(max_len={max_len}) returned {len(tokens)} tokens"
        assert "</s>" not in tokens[:-1], "generate went on after '</s>'"
        assert set(tokens) <= vocab, "generate emitted a token that is not in vocab"
        if max_len == 20:
            ended += tokens[-1:] == ["</s>"] or len(tokens) < max_len
    # At least one: how often a sample ends depends on the model's prob of `</s>`, which prob's tests check.
    assert ended, "none of 30 bigram samples of at most 20 tokens ended with '</s>'"


def first_token_counts(lm, context, words):
    """How often each word of `words` comes first in SAMPLES calls of generate(max_len=1)."""
    index = {word: i for i, word in enumerate(words)}
    counts = np.zeros(len(words))
    samples = call_each(lm.generate, [(RNG(1000 + seed),) for seed in range(SAMPLES)], max_len=1, context=context)
    for tokens in samples:
        if not isinstance(tokens, list):
            raise AssertionError(f"generate must return a list of str, got {type(tokens).__name__}")
        # An implementation that leaves the final '</s>' out returns [] when it drew '</s>'.
        first = tokens[0] if tokens else "</s>"
        if first not in index:
            raise AssertionError(f"generate emitted {first!r}, which is not in vocab")
        counts[index[first]] += 1
    return counts


def assert_follows(counts, probs, what):
    # Pool the rare words so that every expected count is at least 5 (the chi-square condition).
    expected = SAMPLES * probs / probs.sum()
    rare = expected < 5
    if rare.any():
        counts, expected = (np.append(values[~rare], values[rare].sum()) for values in (counts, expected))
    statistic = float(np.sum((counts - expected) ** 2 / expected))  # Pearson's chi-square
    p_value = float(chdtrc(len(counts) - 1, statistic))
    assert p_value >= P_VALUE_FLOOR, (
        f"{what}: the first tokens of {SAMPLES} samples do not follow prob (chi-square p = {p_value:.1e}, "
        f"fails below {P_VALUE_FLOOR:g})")


@pytest.mark.points(4)
@pytest.mark.parametrize("context", [[], ["students", "opened"]], ids=["start", "after_context"])
def test_generate_samples_from_prob(student, context):
    # Compared with the student's own prob, so a mistake in prob costs points elsewhere, not here.
    lm = fit(student, 3, "add_k", SMALL, k=0.5)
    words = vocab_of(lm, "add_k trigram")
    probs = prob_table(lm, words, [context])[0]
    assert_follows(first_token_counts(lm, context, words), probs,
                   f"add_k trigram, context of {len(context)} tokens")
