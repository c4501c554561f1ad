"""train_rnnlm, trained once in the sandbox and scored by the grader on blocks of the wiki test split.

The grader computes log-softmax and perplexity itself (float64) from the logits model.forward returns,
over the same predicted tokens as the a3 Kneser-Ney trigram: every word and every `</s>` of the scored
sentences. See wiki_streams.py for the conventions and lm_settings.py for the bar and the scale.

A model that reads the future is not a language model: no test gives it a point. The scores order the
models as an instructor would: one that reads the future (BPTT and clipping only) < one that never trained
(it keeps the contract and is causal: "returns a language model") < one that trained too little to beat
the unigram (most of "is causal", which grows with what the model learned) < one between the unigram and
the trigram (part of the perplexity points) < one that beats the trigram (all 45).
"""
import pytest

from lm_settings import learned_share, log_scale
from remote_lm import CAUSALITY_TOLERANCE

pytestmark = [pytest.mark.slow, pytest.mark.part("train_rnnlm")]


def require_causal(causality, what):
    assert causality.causal, (
        f"{what}changing or cutting off the inputs after position t changed the logits before t by "
        f"{causality.gap:.3g} (relative to their size; tolerance {CAUSALITY_TOLERANCE:g}): the model looks at "
        f"future tokens, so it is not a language model")


def require_a_language_model(causality):
    """Causal, and causal for something: logits that ignore the text (constant ones) predict nothing."""
    require_causal(causality, "")
    assert causality.reads_its_input, (
        f"replacing the inputs after position t moved the logits from t on by only {causality.response:.3g} "
        f"(relative to their size): the model's predictions do not depend on the text it reads")


def require_within_budget(trained):
    usage = trained.usage
    assert not usage.over_budget, f"no perplexity points: train_rnnlm ran over its budget: {usage.describe()}"


def award(partial_credit, fraction, message):
    """Full marks at fraction 1; otherwise the share of the points, and a failure that says why."""
    if fraction >= 1:
        return
    partial_credit(fraction)
    raise AssertionError(f"{message}: {fraction:.0%} of the points")


@pytest.mark.points(5)
def test_returns_a_language_model(scored, causality):
    """train_rnnlm returns a causal model whose forward(inputs, h) gives (logits (B, T, V), h), takes h back,
    and whose logits depend on its inputs"""
    require_a_language_model(causality)


@pytest.mark.points(10)
@pytest.mark.measurement
def test_model_is_causal(scored, causality, unigram_perplexity, wiki, partial_credit, measured):
    """The logits at position t do not depend on the inputs after t, but do on those up to t (credit grows
    with what the model learned: none for uniform guessing, all from the unigram's perplexity down)"""
    measured("causality probe: change of the logits before t when the inputs after t change (relative)",
             causality.gap, bar=CAUSALITY_TOLERANCE)
    require_a_language_model(causality)
    perplexity, tokens = scored
    award(partial_credit, learned_share(perplexity, unigram_perplexity, wiki.vocab_size),
          f"causal, but its perplexity {perplexity:.1f} on the {tokens:,} scored test tokens is above the "
          f"unigram's {unigram_perplexity:.1f} (uniform guessing: {wiki.vocab_size:,}); a model that predicts "
          f"nothing is causal for free, so this credit grows with what it learned, linear in log-perplexity")


@pytest.mark.points(30)
@pytest.mark.measurement
def test_beats_kneser_ney_trigram(trained, scored, causality, kneser_ney_perplexity, unigram_perplexity,
                                  partial_credit, measured):
    """Test perplexity below a3's Kneser-Ney trigram on the same tokens (part of the points down to the
    unigram's), for a causal model trained within the budget"""
    perplexity, tokens = scored
    measured(f"test perplexity on the {tokens:,} scored tokens", perplexity, bar=kneser_ney_perplexity,
             leaderboard=True)
    measured("the Kneser-Ney trigram's perplexity on the same tokens (full points below it)", kneser_ney_perplexity)
    measured("the unigram's perplexity on the same tokens (no points from here on)", unigram_perplexity)
    measured(f"train_rnnlm: {trained.usage.clock.upper()} seconds", trained.usage.seconds,
             bar=trained.usage.budget, unit=" s", leaderboard=True)
    require_causal(causality, "no perplexity points: ")
    require_within_budget(trained)
    award(partial_credit, log_scale(perplexity, kneser_ney_perplexity, unigram_perplexity),
          f"perplexity {perplexity:.1f} on the {tokens:,} scored test tokens; full points below the Kneser-Ney "
          f"trigram's {kneser_ney_perplexity:.1f}, none from the unigram's {unigram_perplexity:.1f} on, "
          f"linear in log-perplexity")
