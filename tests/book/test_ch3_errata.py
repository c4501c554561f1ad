"""Issue 18's chapter-3 errors stay fixed: each test reads the source the error was in and fails if the
wrong formula or number comes back. (The pages' own asserts check the computed numbers at build time.)"""
import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
CH3 = REPO / "book" / "ch3_language_models"


def _read(path: Path) -> str:
    return path.read_text(encoding="utf8")


def test_fixed_window_diagram_looks_up_rows_of_E():
    # E is |V| x d: a word's embedding is the row E[x], not the product E x
    svg = _read(REPO / "book" / "diagrams" / "fixed_window_lm.svg")
    assert "E[x" in svg and not re.search(r"\bEx<", svg) and "[Ex" not in svg


def test_perplexity_formulas_score_x1_to_xT_without_x_T_plus_1():
    for page in ("perplexity.md", "rnn_lm.md"):
        text = _read(CH3 / page)
        assert r"P_{\text{LM}}\big(x_{t+1} \mid x_t, \dots, x_1\big)" not in text, page
        assert r"\sum_{t=1}^{T} J_t(\theta)" not in text, page
    assert r"P_{\text{LM}}\big(x_t \mid x_0, x_1, \dots, x_{t-1}\big)" in _read(CH3 / "perplexity.md")
    assert r"\sum_{t=0}^{T-1} J_t(\theta)" in _read(CH3 / "rnn_lm.md")


def test_mle_is_an_equality_and_backoff_needs_a_discount():
    text = _read(CH3 / "ngram_models.md")
    assert not re.search(r"P_\{\\text\{MLE\}\}.*\\approx", text)
    assert "Backoff alone, without **discounting**, is not a probability distribution" in text


def test_two_symbols_for_largest_singular_value_and_spectral_radius():
    notation = _read(REPO / "book" / "notation.md")
    assert r"$\sigma_{\max}(W_h)$" in notation and r"$\rho(W_h)$" in notation
    assert "the largest singular value of $W_h$ (chapter 3's" not in notation


def test_rho_08_answer_follows_the_computed_start():
    text = _read(CH3 / "exercises.md")
    assert r"\lVert w \rVert \approx 6" not in text and "3.77" in text


def test_jacobian_product_order_is_written_out():
    text = _read(CH3 / "vanishing_exploding.md")
    assert r"\prod_{j < t \le i}" not in text
    assert r"\frac{\partial h_i}{\partial h_{i-1}}\, \frac{\partial h_{i-1}}{\partial h_{i-2}} \cdots" in text
