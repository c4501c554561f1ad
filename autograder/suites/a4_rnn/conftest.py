"""Session fixtures of the a4_rnn hidden suite, built once per grading run: the wiki id streams, the
Kneser-Ney baseline (a3's reference) and ONE training run of the student's train_rnnlm.

Everything the trained-model tests need from the sandbox is fetched in one fixture, right after
training, and kept as plain numbers: a remote model belongs to one worker, and a later failure in
another test may replace that worker.
"""
import time
from dataclasses import dataclass, field

import pytest

import remote_lm
from autograder.api import StudentError
from kneser_ney_baseline import a3_settings, kneser_ney_trigram
from lm_settings import CAUSALITY_CUT, CAUSALITY_ROWS, CAUSALITY_STEPS, TRAIN_SECONDS
from wiki_streams import build_wiki_streams


@dataclass
class TrainedLMReport:
    """What the grader measured on the student's trained model; a stage that failed has a message."""

    failures: dict = field(default_factory=dict)  # stage ("train", "perplexity", "causality") -> message
    train_seconds: float = 0.0
    perplexity: float = float("nan")
    scored_tokens: int = 0
    causality_gap: float = float("nan")

    def require(self, *stages):
        for stage in stages:
            if stage in self.failures:
                raise AssertionError(self.failures[stage])


@pytest.fixture(scope="session")
def wiki():
    return build_wiki_streams(a3_settings().MIN_COUNT)


@pytest.fixture(scope="session")
def kneser_ney_perplexity(wiki):
    """Perplexity of a3's Kneser-Ney trigram on the scored test sentences (same tokens as the RNN's)."""
    model = kneser_ney_trigram(wiki.train_sentences)
    if len(model.vocab) != wiki.vocab_size:
        raise RuntimeError(f"suite bug: the trigram has {len(model.vocab)} words, the RNN ids {wiki.vocab_size}")
    return model.perplexity(wiki.eval_sentences)


def run_stage(report, stage, what, action):
    """Run one stage against the student's code; a failure is recorded, not raised, so later tests still run."""
    try:
        return action()
    except StudentError as error:
        report.failures[stage] = f"{what}: your code failed: {error}"
    except AssertionError as error:
        report.failures[stage] = f"{what}: {error}"


@pytest.fixture(scope="session")
def trained_lm(student, wiki, device):
    report = TrainedLMReport()
    seconds = TRAIN_SECONDS[device]
    started = time.monotonic()
    model = run_stage(report, "train", f"train_rnnlm on the wiki train split (limit {seconds:g} s on {device})",
                      lambda: student.with_timeout(seconds).train_rnnlm(
                          wiki.train_ids, wiki.valid_ids, wiki.vocab_size, device=device, seed=0))
    report.train_seconds = time.monotonic() - started
    if "train" in report.failures:
        report.failures["perplexity"] = report.failures["causality"] = report.failures["train"]
        return report
    run_stage(report, "perplexity", "switching the returned model to evaluation mode (model.eval())",
              lambda: model.eval())
    if "perplexity" not in report.failures:
        measured = run_stage(report, "perplexity", "scoring the returned model on the wiki test split",
                             lambda: remote_lm.perplexity(model, wiki.eval_blocks, wiki.eos_id, wiki.vocab_size))
        if measured is not None:
            report.perplexity, report.scored_tokens = measured
    probe = remote_lm.block_batch(wiki.eval_blocks[:CAUSALITY_ROWS], wiki.eos_id)[0][:, :CAUSALITY_STEPS]
    gap = run_stage(report, "causality", "the causality probe",
                    lambda: remote_lm.causality_gap(model, probe, CAUSALITY_CUT, wiki.vocab_size))
    if gap is not None:
        report.causality_gap = gap
    return report
