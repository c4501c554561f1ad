"""The a4 notebook states every pass mark and budget of train_rnnlm next to the cells they grade: the numbers it
states must be the hidden suite's (lm_settings.py, wiki_streams.py, the engine's overrun factor), in the solution
notebook and in the student release."""
import json
import sys

import numpy as np
import pytest

from autograder import budget, layout

A4 = layout.course().assignment("a4_rnn")
sys.path.insert(0, str(A4.suite))
import lm_settings  # noqa: E402
import wiki_streams  # noqa: E402

NOTEBOOKS = [A4.reference, layout.course().released("a4_rnn")]


def cells(notebook):
    return ["".join(cell["source"]) for cell in json.loads(notebook.read_text())["cells"]]


def stated_constants(notebook):
    """The notebook's cell of the autograder's numbers (the one that sets PASS_PERPLEXITY), executed."""
    sources = [source for source in cells(notebook) if "PASS_PERPLEXITY = " in source]
    assert len(sources) == 1, f"{notebook.name}: expected one cell that states PASS_PERPLEXITY, found {len(sources)}"
    namespace = {}
    exec(sources[0], namespace)
    return namespace


def grading_prose(notebook):
    sources = [source for source in cells(notebook) if "How `train_rnnlm` is graded" in source]
    assert len(sources) == 1, f"{notebook.name}: expected one markdown cell saying how train_rnnlm is graded"
    return sources[0]


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda path: path.parent.parent.name)
def test_stated_constants_are_the_suites(notebook):
    stated = stated_constants(notebook)
    assert stated["TRAIN_CPU_SECONDS"] == lm_settings.TRAIN_SECONDS["cpu"]
    assert stated["CUDA_SECONDS"] == lm_settings.TRAIN_SECONDS["cuda"]
    assert stated["PASS_PERPLEXITY"] == lm_settings.PASS_PERPLEXITY
    assert stated["TRIGRAM_PERPLEXITY"] == lm_settings.KNESER_NEY_PERPLEXITY
    assert stated["UNIGRAM_PERPLEXITY"] == lm_settings.UNIGRAM_PERPLEXITY
    assert stated["SCORED_BLOCKS"] == wiki_streams.EVAL_BLOCKS
    assert stated["TOKENS_PER_BLOCK"] == wiki_streams.EVAL_TOKENS_PER_BLOCK
    assert stated["SCORED_TOKENS"] == lm_settings.SCORED_TOKENS


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda path: path.parent.parent.name)
def test_prose_states_the_same_numbers(notebook):
    prose = grading_prose(notebook)
    for number in (f"**Budget: {lm_settings.TRAIN_SECONDS['cpu']:g} CPU seconds on one core.**",
                   f"time_budget={lm_settings.TRAIN_SECONDS['cpu']:g}",
                   f"{lm_settings.TRAIN_SECONDS['cuda']:g} wall-clock seconds",
                   f"{budget.OVERRUN:g} times the budget",
                   f"**Scored tokens: {lm_settings.SCORED_TOKENS:,}.**",
                   f"{wiki_streams.EVAL_BLOCKS} blocks",
                   f"{wiki_streams.EVAL_TOKENS_PER_BLOCK} tokens",
                   f"**{lm_settings.PASS_PERPLEXITY:.1f}**",
                   f"{lm_settings.KNESER_NEY_PERPLEXITY:.1f}",
                   f"{lm_settings.UNIGRAM_PERPLEXITY:.1f}"):
        assert number in prose, f"{notebook.name}: the grading cell does not state {number!r}"
    assert "2 CPU cores" not in "\n".join(cells(notebook)), f"{notebook.name}: the sandbox gives one thread"


def test_documented_baselines_match_the_data_and_the_cache_keeps_them(tmp_path, monkeypatch):
    """KNESER_NEY_PERPLEXITY and UNIGRAM_PERPLEXITY document what the suite computes; the suite computes
    them once per content (baselines.py): a second grading reads them back instead, and a change to
    what they are computed from gives another key."""
    import baselines
    monkeypatch.setattr(baselines, "data_dir", lambda: tmp_path)
    wiki, computed = baselines.wiki_and_baselines(A4.needs)
    assert wiki.eval_tokens == lm_settings.SCORED_TOKENS
    assert round(computed.unigram_perplexity, 1) == lm_settings.UNIGRAM_PERPLEXITY
    assert round(computed.kneser_ney_perplexity, 1) == lm_settings.KNESER_NEY_PERPLEXITY
    assert len(list((tmp_path / baselines.CACHE_FOLDER).glob("*.npz"))) == 1

    def must_not_compute(needs):
        raise AssertionError("the cached baselines were computed again")
    monkeypatch.setattr(baselines, "_compute", must_not_compute)
    cached_wiki, cached = baselines.wiki_and_baselines(A4.needs)
    assert cached == computed
    for name in ("train_ids", "valid_ids", "vocab_size", "eos_id"):
        assert np.array_equal(getattr(cached_wiki, name), getattr(wiki, name)), name
    assert all(np.array_equal(a, b) for a, b in zip(cached_wiki.eval_blocks, wiki.eval_blocks, strict=True))
    settings = tmp_path / "ngram_baseline.py"
    settings.write_text(A4.needs["a3_settings"].read_text().replace("DISCOUNT = 0.9", "DISCOUNT = 0.75"))
    assert baselines.cache_key({**A4.needs, "a3_settings": settings}) != baselines.cache_key(A4.needs)
