"""The a4 notebook states the pass mark, the budget and the tolerances next to the cells they grade: the numbers
it states must be the hidden suite's (lm_settings.py, wiki_streams.py, test_bptt.py, test_clip.py, the engine's
overrun factor), in the solution notebook and in the student release."""
import ast
import json
import re
import sys

import numpy as np
import pytest

from autograder import budget, layout

A4 = layout.course().assignment("a4_rnn")
sys.path.insert(0, str(A4.suite))
import lm_settings  # noqa: E402
import wiki_streams  # noqa: E402
from tests.assignments.stated_bars import stated, text_before  # noqa: E402

NOTEBOOKS = [A4.reference, layout.course().released("a4_rnn")]


def cells(notebook):
    return ["".join(cell["source"]) for cell in json.loads(notebook.read_text())["cells"]]


def stated_constants(notebook):
    """The notebook's cell of the autograder's numbers (the one that sets TRIGRAM_PERPLEXITY), executed."""
    sources = [source for source in cells(notebook) if "TRIGRAM_PERPLEXITY = " in source]
    assert len(sources) == 1, f"{notebook.name}: expected one cell that states TRIGRAM_PERPLEXITY, found {len(sources)}"
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
                   f"**a3's Kneser-Ney trigram, {lm_settings.KNESER_NEY_PERPLEXITY:.1f}**, the pass mark",
                   f"{lm_settings.UNIGRAM_PERPLEXITY:.1f}"):
        assert number in prose, f"{notebook.name}: the grading cell does not state {number!r}"
    budget_line = re.search(r"^TRAIN_CPU_BUDGET_S = (.+)$", next(source for source in cells(notebook)
                                                            if "def train_rnnlm(" in source), re.MULTILINE)
    assert budget_line and float(budget_line[1]) == lm_settings.TRAIN_SECONDS["cpu"], \
        f"{notebook.name}: train_rnnlm's default budget TRAIN_CPU_BUDGET_S is not the grader's"
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



def suite_constant(path, name):
    """A literal constant of a hidden test module, read without importing it (its markers are the plugin's)."""
    for node in ast.parse(path.read_text()).body:
        if isinstance(node, ast.Assign) and [target.id for target in node.targets if isinstance(target, ast.Name)] == [name]:
            return ast.literal_eval(node.value)
    raise AssertionError(f"{path.name} no longer defines {name}")


@pytest.mark.parametrize("grade_id, suite", [("rnn_loss_and_gradients", "test_bptt"), ("clip_grad_norm", "test_clip")])
def test_stated_tolerances_are_the_suites(grade_id, suite):
    """The line '**Graded: N points.**' above each numpy cell states the tolerance its hidden tests use."""
    tolerance = suite_constant(A4.suite / f"{suite}.py", "TOLERANCE")
    text = text_before("a4_rnn", grade_id)
    for name, pattern in (("atol", r"within \$10\^\{(-\d+)\} \+ 10\^\{-\d+\}"), ("rtol", r"within \$10\^\{-\d+\} \+ 10\^\{(-\d+)\}")):
        assert [10 ** exponent for exponent in stated(pattern, text, grade_id)] == pytest.approx([tolerance[name]]), \
            f"the {grade_id} cell states another {name} than the suite's {tolerance[name]:g}"
