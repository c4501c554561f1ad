"""Session fixtures of the a4_rnn hidden suite, built once per grading run: the wiki id streams and the
baselines (a3's Kneser-Ney trigram, the unigram; cached by content: baselines.py) and ONE training run
of the student's train_rnnlm.

Every stage of the student's work is a `student_stage` (the engine's): training (with the CPU budget),
scoring on the test blocks, the causality probe. A stage that fails fails every test that uses it, with
the stage's message. Each stage runs right after the one it needs (the tests ask for them in that order)
and keeps only plain numbers: a remote model belongs to one worker.
"""
import numpy as np
import pytest

import remote_lm
from baselines import wiki_and_baselines
from lm_settings import CAUSALITY_CUT, CAUSALITY_ROWS, CAUSALITY_STEPS, TRAIN_SECONDS

# What comes back from the worker as a value rather than as a handle to a remote object (a model).
PLAIN_VALUES = (bool, int, float, str, bytes, list, tuple, dict, set, np.ndarray)


@pytest.fixture(scope="session")
def wiki_with_baselines(needs):
    return wiki_and_baselines(needs)


@pytest.fixture(scope="session")
def wiki(wiki_with_baselines):
    return wiki_with_baselines[0]


@pytest.fixture(scope="session")
def kneser_ney_perplexity(wiki_with_baselines):
    """Perplexity of a3's Kneser-Ney trigram on the scored test sentences (same tokens as the RNN's)."""
    return wiki_with_baselines[1].kneser_ney_perplexity


@pytest.fixture(scope="session")
def unigram_perplexity(wiki_with_baselines):
    """The train split's word frequencies on the scored tokens: a model must beat them to count as a language
    model at all (uniform logits score |V|, far above)."""
    return wiki_with_baselines[1].unigram_perplexity


@pytest.fixture(scope="session")
def trained(student_stage, student, wiki, device):
    """Stage: one call of train_rnnlm, on the CPU budget (passed as time_budget when the function takes it)."""
    budget = TRAIN_SECONDS[device]

    def train():
        keywords = {"time_budget": budget} if student.train_rnnlm.accepts_keyword("time_budget") else {}
        return student.train_rnnlm(wiki.train_ids, wiki.valid_ids, wiki.vocab_size, device=device, seed=0, **keywords)
    unit = "CPU seconds on one core" if device == "cpu" else "s of wall time"
    return student_stage(f"train_rnnlm on the wiki train split (budget {budget:g} {unit})", train, cpu_budget=budget)


@pytest.fixture(scope="session")
def scored(student_stage, trained, wiki):
    """Stage: (perplexity, scored tokens) of the returned model, in evaluation mode, on the test blocks."""
    model = trained.value

    def score():
        if model is None or isinstance(model, PLAIN_VALUES):
            raise AssertionError(f"train_rnnlm must return the trained torch.nn.Module; it returned a "
                                 f"{type(model).__name__}")
        model.eval()
        return remote_lm.perplexity(model, wiki.eval_blocks, wiki.eos_id, wiki.vocab_size)
    return student_stage("scoring the returned model on the wiki test blocks", score).value


@pytest.fixture(scope="session")
def causality(student_stage, trained, scored, wiki):
    """Stage: the causality probe (remote_lm.CausalityProbe): how the logits before and after a cut move
    when the inputs after it change."""
    probe = remote_lm.block_batch(wiki.eval_blocks[:CAUSALITY_ROWS], wiki.eos_id)[0][:, :CAUSALITY_STEPS]
    return student_stage("the causality probe", lambda: remote_lm.causality_probe(
        trained.value, probe, CAUSALITY_CUT, wiki.vocab_size)).value
