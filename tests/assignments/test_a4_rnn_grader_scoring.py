"""The a4 grader's own arithmetic, on local stand-in models: the perplexity it computes from returned
logits, the causality probe, and the claim that the RNN and the Kneser-Ney trigram are scored on
exactly the same predicted tokens."""
import math
import sys

import numpy as np
import pytest

from autograder import layout

sys.path.insert(0, str(layout.course().assignment("a4_rnn").suite))
import remote_lm  # noqa: E402
from wiki_streams import build_wiki_streams  # noqa: E402

V = 7
EOS = V - 1


class BigramModel:
    """A causal stand-in: the logits at t depend on input t only. Receives Tensor markers, as in the worker."""

    def __init__(self, seed=0):
        self.table = np.random.default_rng(seed).normal(size=(V, V)).astype(np.float32)

    def forward(self, inputs, h=None):
        return self.table[inputs.array], h


class PeekingModel(BigramModel):
    """Reads the last input of the batch at every position."""

    def forward(self, inputs, h=None):
        ids = inputs.array
        return self.table[ids] + self.table[ids[:, -1:]], h


class StatefulModel(BigramModel):
    """Counts the tokens it has seen in h, to check that the grader hands the state back."""

    def forward(self, inputs, h=None):
        seen = 0 if h is None else int(h.array[0])
        logits = self.table[inputs.array] * 0 + np.arange(V, dtype=np.float32) * (seen > 0)
        return logits, np.array([seen + inputs.array.shape[1]], dtype=np.int64)


def bigram_perplexity(model, blocks):
    nll, count = 0.0, 0
    for block in blocks:
        previous = EOS
        for token in block:
            scores = model.table[previous].astype(np.float64)
            nll -= scores[token] - math.log(np.exp(scores).sum())
            previous, count = token, count + 1
    return math.exp(nll / count), count


def test_perplexity_from_logits_matches_direct_computation():
    rng = np.random.default_rng(1)
    blocks = [rng.integers(0, V, size=n) for n in (300, 17, 129)]  # longer than one chunk, ragged
    model = BigramModel()
    ours, count = remote_lm.perplexity(model, blocks, EOS, V)
    expected, expected_count = bigram_perplexity(model, blocks)
    assert count == expected_count == 446
    assert ours == pytest.approx(expected, rel=1e-9)


def test_state_is_carried_between_chunks():
    blocks = [np.arange(300) % V]
    ppl, _ = remote_lm.perplexity(StatefulModel(), blocks, EOS, V)
    # Uniform logits only in the first chunk, then a skewed distribution: a grader that drops h
    # would score every chunk as uniform (perplexity V).
    assert ppl != pytest.approx(V)


def test_wrong_logit_shape_is_reported():
    class Flat(BigramModel):
        def forward(self, inputs, h=None):
            return self.table[inputs.array].reshape(-1, V), h

    with pytest.raises(AssertionError, match="expected \\(B, T, vocab_size\\)"):
        remote_lm.perplexity(Flat(), [np.arange(10) % V], EOS, V)


def test_causality_probe_tells_causal_from_peeking():
    probe = np.random.default_rng(2).integers(0, V, size=(2, 64))
    assert remote_lm.causality_gap(BigramModel(), probe, 40, V) == 0.0
    assert remote_lm.causality_gap(PeekingModel(), probe, 40, V) > remote_lm.CAUSALITY_TOLERANCE


def test_rnn_and_trigram_score_the_same_tokens():
    """Every block is whole test sentences, each followed by </s>; the blocks hold exactly the words
    and </s> of eval_sentences, which is what NGramLM.perplexity predicts on them."""
    wiki = build_wiki_streams(min_count=2)
    assert wiki.eval_tokens == sum(len(sentence) + 1 for sentence in wiki.eval_sentences)
    ends = np.concatenate(wiki.eval_blocks) == wiki.eos_id
    assert ends.sum() == len(wiki.eval_sentences)
    assert all(block[-1] == wiki.eos_id for block in wiki.eval_blocks)
    inputs, targets = remote_lm.block_batch(wiki.eval_blocks, wiki.eos_id)
    assert (targets >= 0).sum() == wiki.eval_tokens
    assert np.all(inputs[:, 0] == wiki.eos_id)


# ---- the credit scale on graded variants (shares the meta-tests' gradings: tests/assignments/conftest.py) ----
PERPLEXITY_TESTS = ("test_perplexity_threshold", "test_beats_kneser_ney_trigram")


def graded(grader, stem):
    from tests.assignments.conftest import Variant
    return grader.variant(Variant("a4_rnn", layout.course().assignment("a4_rnn").variants / f"{stem}.py"))


def scores(results, prefix=""):
    """{test function name: score} of the graded tests."""
    return {t.nodeid.rsplit("::", 1)[-1]: t.score for t in results.tests if t.nodeid.rsplit("::", 1)[-1].startswith(prefix)}


@pytest.mark.grades(variants=["a4_rnn/bug_reads_the_next_token"])
def test_model_reading_the_next_token_gets_no_perplexity_points(grader):
    results = graded(grader, "bug_reads_the_next_token")
    got = scores(results)
    assert got["test_model_is_causal"] == 0, results.table()
    assert all(got[name] == 0 for name in PERPLEXITY_TESTS), results.table()


@pytest.mark.grades(variants=["a4_rnn/bug_trained_briefly", "a4_rnn/bug_untrained_model"])
def test_weaker_correct_model_scores_between_broken_and_full(grader):
    weak, untrained = graded(grader, "bug_trained_briefly"), graded(grader, "bug_untrained_model")
    weak_scores = scores(weak)
    assert weak_scores["test_returns_a_language_model"] > 0 and weak_scores["test_model_is_causal"] > 0, weak.table()
    partial = [name for name in PERPLEXITY_TESTS if 0 < weak_scores[name]]
    assert partial, f"no partial perplexity points for a weak but correct model:\n{weak.table()}"
    assert untrained.score < weak.score < weak.max_score, f"{untrained.table()}\n{weak.table()}"
