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


class ConstantModel(BigramModel):
    """The same logits whatever the input: causal, but for nothing."""

    def forward(self, inputs, h=None):
        return np.broadcast_to(self.table[0], (*inputs.array.shape, V)).copy(), h


def test_causality_probe_tells_causal_from_peeking():
    probe = np.random.default_rng(2).integers(0, V, size=(2, 64))
    causal, peeking = (remote_lm.causality_probe(model, probe, 40, V) for model in (BigramModel(), PeekingModel()))
    assert causal.gap == 0.0 and causal.causal and causal.reads_its_input
    assert peeking.gap > remote_lm.CAUSALITY_TOLERANCE and not peeking.causal


def test_causality_probe_tells_a_model_that_ignores_its_input():
    probe = np.random.default_rng(2).integers(0, V, size=(2, 64))
    constant = remote_lm.causality_probe(ConstantModel(), probe, 40, V)
    assert constant.causal and constant.response == 0.0 and not constant.reads_its_input


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
# Each variant selects the slow tests only (the 45 points of train_rnnlm); BPTT and clipping are the reference's.
TRAIN_TESTS = ("test_returns_a_language_model", "test_model_is_causal", "test_beats_kneser_ney_trigram")


def graded(grader, stem):
    from tests.assignments.conftest import Variant
    return grader.variant(Variant("a4_rnn", layout.course().assignment("a4_rnn").variants / f"{stem}.py"))


def scores(results):
    """{test function name: score} of the graded tests."""
    return {t.nodeid.rsplit("::", 1)[-1]: t.score for t in results.tests}


@pytest.mark.grades(variants=["a4_rnn/bug_reads_the_next_token", "a4_rnn/bug_model_sees_the_future"])
@pytest.mark.parametrize("stem", ["bug_reads_the_next_token", "bug_model_sees_the_future"])
def test_model_reading_the_future_gets_no_point(grader, stem):
    """Not a language model: neither "returns a language model" nor any perplexity point, however low its
    perplexity (reading the next token gives about 1)."""
    results = graded(grader, stem)
    assert scores(results) == dict.fromkeys(TRAIN_TESTS, 0.0), results.table()


@pytest.mark.grades(variants=["a4_rnn/bug_untrained_model"])
def test_never_trained_model_gets_the_contract_points_only(grader):
    """A causal model that keeps the contract but never took a step: "returns a language model" (5) and the
    sliver of "is causal" its random start earns over uniform guessing (perplexity about 10,600 of 16,331)."""
    results = graded(grader, "bug_untrained_model")
    got = scores(results)
    assert got["test_returns_a_language_model"] == 5 and got["test_beats_kneser_ney_trigram"] == 0, results.table()
    assert 0 < got["test_model_is_causal"] < 2, results.table()


@pytest.mark.grades(variants=["a4_rnn/bug_stops_before_beating_the_unigram"])
def test_model_trained_too_little_gets_no_perplexity_points_but_most_of_causality(grader):
    """Above the unigram (about 580): no perplexity points, most of "is causal" (it learned most of the way
    from uniform guessing to the unigram)."""
    results = graded(grader, "bug_stops_before_beating_the_unigram")
    got = scores(results)
    assert got["test_returns_a_language_model"] == 5 and got["test_beats_kneser_ney_trigram"] == 0, results.table()
    assert 8 < got["test_model_is_causal"] < 10, results.table()


@pytest.mark.grades(variants=["a4_rnn/bug_reads_the_next_token", "a4_rnn/bug_untrained_model",
                             "a4_rnn/bug_stops_before_beating_the_unigram", "a4_rnn/bug_trained_briefly"])
def test_scores_order_the_models_as_an_instructor_would(grader):
    """reads the future < never trained < trained too little to beat the unigram < trained a fifth of an epoch
    (part of the perplexity points) < full marks."""
    order = ["bug_reads_the_next_token", "bug_untrained_model", "bug_stops_before_beating_the_unigram",
             "bug_trained_briefly"]
    results = [graded(grader, stem) for stem in order]
    totals = [r.score for r in results]
    assert totals == sorted(totals) and len(set(totals)) == len(totals), dict(zip(order, totals))
    briefly = scores(results[-1])
    assert 0 < briefly["test_beats_kneser_ney_trigram"] < 30 and results[-1].score < results[-1].max_score, \
        results[-1].table()
