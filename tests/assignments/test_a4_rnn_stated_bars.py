"""The a4 notebook states the pass mark, the budget and the tolerances next to the cells they grade: the numbers
it states must be the hidden suite's (lm_settings.py, wiki_streams.py, test_bptt.py, test_clip.py, the engine's
overrun factor), in the solution notebook and in the student release."""
import ast
import json
import re
import sys

import pytest

from autograder import proxy
from autograder.grading import SOLUTIONS_DIR, SUITES_DIR

sys.path.insert(0, str(SUITES_DIR / "a4_rnn"))
import lm_settings  # noqa: E402
import wiki_streams  # noqa: E402
from tests.assignments.stated_bars import stated, text_before  # noqa: E402

RELEASE = SOLUTIONS_DIR.parent / "assignments" / "a4_rnn" / "a4_rnn.ipynb"
NOTEBOOKS = [SOLUTIONS_DIR / "a4_rnn" / "a4_rnn.ipynb", RELEASE]


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
                   f"{proxy.OVERRUN:g} times the budget",
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


def test_documented_baselines_match_the_data():
    """KNESER_NEY_PERPLEXITY and UNIGRAM_PERPLEXITY document what the suite recomputes in every run."""
    from kneser_ney_baseline import a3_settings, kneser_ney_trigram
    wiki = wiki_streams.build_wiki_streams(a3_settings().MIN_COUNT)
    assert wiki.eval_tokens == lm_settings.SCORED_TOKENS
    assert round(wiki_streams.unigram_perplexity(wiki), 1) == lm_settings.UNIGRAM_PERPLEXITY
    trigram = kneser_ney_trigram(wiki.train_sentences).perplexity(wiki.eval_sentences)
    assert round(trigram, 1) == lm_settings.KNESER_NEY_PERPLEXITY


def suite_constant(path, name):
    """A literal constant of a hidden test module, read without importing it (its markers are the plugin's)."""
    for node in ast.parse(path.read_text()).body:
        if isinstance(node, ast.Assign) and [target.id for target in node.targets if isinstance(target, ast.Name)] == [name]:
            return ast.literal_eval(node.value)
    raise AssertionError(f"{path.name} no longer defines {name}")


@pytest.mark.parametrize("grade_id, suite", [("rnn_loss_and_gradients", "test_bptt"), ("clip_grad_norm", "test_clip")])
def test_stated_tolerances_are_the_suites(grade_id, suite):
    """The line '**Graded: N points.**' above each numpy cell states the tolerance its hidden tests use."""
    tolerance = suite_constant(SUITES_DIR / "a4_rnn" / f"{suite}.py", "TOLERANCE")
    text = text_before("a4_rnn", grade_id)
    for name, pattern in (("atol", r"within \$10\^\{(-\d+)\} \+ 10\^\{-\d+\}"), ("rtol", r"within \$10\^\{-\d+\} \+ 10\^\{(-\d+)\}")):
        assert [10 ** exponent for exponent in stated(pattern, text, grade_id)] == pytest.approx([tolerance[name]]), \
            f"the {grade_id} cell states another {name} than the suite's {tolerance[name]:g}"
