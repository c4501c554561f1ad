"""train_rnnlm, trained once in the sandbox and scored by the grader on blocks of the wiki test split.

The grader computes log-softmax and perplexity itself (float64) from the logits model.forward returns,
over the same predicted tokens as the a3 Kneser-Ney trigram: every word and every `</s>` of the scored
sentences. See wiki_streams.py for the conventions and lm_settings.py for the bars and the scale.

Credit only for a model that does real work: "returns a language model" and "is causal" need a perplexity
below the unigram's (uniform logits, an untrained model or one that predicts its own input do not get there),
and the two perplexity tests need a causal model (a model that reads the future gets no perplexity points)
trained within the budget. Each perplexity test falls linearly in log-perplexity from full points (at the
pass mark; below the trigram) to none at the unigram: together 30 points at the trigram, 15 and part of the
trigram test's at the pass mark (which sits above the trigram: see lm_settings.py), 0 at the unigram. A correct
but weaker model scores above a broken one and below one at the pass mark.
"""
import pytest

from lm_settings import PASS_PERPLEXITY, log_scale
from remote_lm import CAUSALITY_TOLERANCE

pytestmark = pytest.mark.slow


def require_real_work(scored, unigram_perplexity, what):
    perplexity, tokens = scored
    assert perplexity < unigram_perplexity, (
        f"{what}: perplexity {perplexity:.1f} on the {tokens:,} scored test tokens, not below the "
        f"{unigram_perplexity:.1f} of the unigram (word frequencies of the train split): the model has not "
        f"learned to predict words from their context")


def require_causal(causality_gap, what):
    assert causality_gap <= CAUSALITY_TOLERANCE, (
        f"{what}changing or cutting off the inputs after position t changed the logits before t by "
        f"{causality_gap:.3g} (relative to their size; tolerance {CAUSALITY_TOLERANCE:g}): the model looks at "
        f"future tokens")


def require_within_budget(trained):
    usage = trained.usage
    assert not usage.over_budget, f"no perplexity points: train_rnnlm ran over its budget: {usage.describe()}"


def award(partial_credit, fraction, perplexity, tokens, target):
    """Full marks at fraction 1; otherwise the share of the points, and a failure that says why."""
    if fraction >= 1:
        return
    partial_credit(fraction)
    raise AssertionError(f"perplexity {perplexity:.1f} on the {tokens:,} scored test tokens; {target}: "
                         f"{fraction:.0%} of the points (linear in log-perplexity)")


@pytest.mark.points(5)
def test_returns_a_language_model(scored, unigram_perplexity):
    """train_rnnlm returns a model whose forward(inputs, h) gives (logits (B, T, V), h), takes h back, and beats the unigram"""
    require_real_work(scored, unigram_perplexity, "the model's forward works")


@pytest.mark.points(10)
@pytest.mark.measurement
def test_model_is_causal(scored, unigram_perplexity, causality_gap, measured):
    """The logits at position t do not depend on the inputs after t"""
    measured("causality probe: change of the logits before t when the inputs after t change (relative)",
             causality_gap, bar=CAUSALITY_TOLERANCE)
    require_real_work(scored, unigram_perplexity, "no credit for causality")
    require_causal(causality_gap, "")


@pytest.mark.points(15)
@pytest.mark.measurement
def test_perplexity_threshold(trained, scored, causality_gap, unigram_perplexity, kneser_ney_perplexity,
                              partial_credit, measured):
    """Test perplexity at or below the pass mark (part of the points down to the unigram's)"""
    perplexity, tokens = scored
    measured(f"test perplexity on the {tokens:,} scored tokens", perplexity, bar=PASS_PERPLEXITY,
             leaderboard=True)
    measured("the Kneser-Ney trigram's perplexity on the same tokens", kneser_ney_perplexity)
    measured("the unigram's perplexity on the same tokens (no points from here on)", unigram_perplexity)
    measured(f"train_rnnlm: {trained.usage.clock.upper()} seconds", trained.usage.seconds,
             bar=trained.usage.budget, unit=" s", leaderboard=True)
    require_causal(causality_gap, "no perplexity points: ")
    require_within_budget(trained)
    perplexity, tokens = scored
    fraction = log_scale(perplexity, PASS_PERPLEXITY, unigram_perplexity)
    award(partial_credit, fraction, perplexity, tokens,
          f"full points at or below the pass mark {PASS_PERPLEXITY:.1f}, none from the unigram's {unigram_perplexity:.1f} on")


@pytest.mark.points(15)
def test_beats_kneser_ney_trigram(trained, scored, causality_gap, kneser_ney_perplexity, unigram_perplexity,
                                  partial_credit):
    """Test perplexity below a3's Kneser-Ney trigram on the same tokens (part of the points down to the unigram's)"""
    require_causal(causality_gap, "no perplexity points: ")
    require_within_budget(trained)
    perplexity, tokens = scored
    fraction = log_scale(perplexity, kneser_ney_perplexity, unigram_perplexity)
    award(partial_credit, fraction, perplexity, tokens,
          f"full points below the Kneser-Ney trigram's {kneser_ney_perplexity:.1f}, none from the unigram's "
          f"{unigram_perplexity:.1f} on")

