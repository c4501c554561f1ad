"""train_rnnlm, trained once in the sandbox and scored by the grader on blocks of the wiki test split.

The grader computes log-softmax and perplexity itself (float64) from the logits model.forward returns,
over the same predicted tokens as the a3 Kneser-Ney trigram: every word and every `</s>` of the scored
sentences. See wiki_streams.py for the conventions and lm_settings.py for the thresholds.
"""
import pytest

from lm_settings import PERPLEXITY_MARGIN, PERPLEXITY_THRESHOLD, REFERENCE_PERPLEXITY
from remote_lm import CAUSALITY_TOLERANCE

pytestmark = pytest.mark.slow


@pytest.mark.points(5)
def test_returns_a_language_model(trained_lm):
    """train_rnnlm returns a model whose forward(inputs, h) gives (logits (B, T, V), h) and takes h back"""
    trained_lm.require("train", "perplexity")


@pytest.mark.points(10)
def test_model_is_causal(trained_lm):
    """The logits at position t do not depend on the inputs after t"""
    trained_lm.require("train", "causality")
    assert trained_lm.causality_gap <= CAUSALITY_TOLERANCE, (
        f"changing or cutting off the inputs after position t changed the logits before t by "
        f"{trained_lm.causality_gap:.3g} (relative to their size; tolerance {CAUSALITY_TOLERANCE:g}): "
        f"the model looks at future tokens")


@pytest.mark.points(15)
def test_perplexity_threshold(trained_lm):
    """Test perplexity at or below the reference's times (1 + margin)"""
    trained_lm.require("train", "perplexity")
    assert trained_lm.perplexity <= PERPLEXITY_THRESHOLD, (
        f"perplexity {trained_lm.perplexity:.1f} on {trained_lm.scored_tokens} test tokens, after "
        f"{trained_lm.train_seconds:.0f} s of training; it must be at most {PERPLEXITY_THRESHOLD:.1f} "
        f"(the reference's {REFERENCE_PERPLEXITY:.1f} plus {PERPLEXITY_MARGIN:.0%})")


@pytest.mark.points(15)
def test_beats_kneser_ney_trigram(trained_lm, kneser_ney_perplexity):
    """Test perplexity below a3's Kneser-Ney trigram on the same tokens"""
    trained_lm.require("train", "perplexity")
    assert trained_lm.perplexity < kneser_ney_perplexity, (
        f"perplexity {trained_lm.perplexity:.1f} on {trained_lm.scored_tokens} test tokens; the Kneser-Ney "
        f"trigram of a3 scores {kneser_ney_perplexity:.1f} on the same tokens")
