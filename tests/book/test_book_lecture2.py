"""Issue 18's lecture-2 points and errors stay fixed: the coverage page lists every lecture-2 point with a
runnable cell, skip-gram/CBOW speak of input and output vectors, and the window diagram's second row
numbers its words from the new centre."""
import importlib.util
import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
BOOK = REPO / "book"

LECTURE_2_POINTS = {  # a phrase of the coverage row -> the page that must teach it
    "PPMI": "count_vs_predict",
    "GloVe": "count_vs_predict",
    "shifted PMI": "count_vs_predict",
    "one table": "count_vs_predict",
    "two vectors per word or one": "count_vs_predict",
    "word senses": "word_senses",
    "one vector per sense": "word_senses",
    "weighted sum of its senses": "word_senses",
    "hierarchical softmax": "skipgram_negative_sampling",
    "BIO tags": "window_classification",
}


def _coverage_rows() -> list[list[str]]:
    text = (BOOK / "coverage.md").read_text(encoding="utf8")
    return [[cell.strip() for cell in line.strip("|").split("|")] for line in text.splitlines() if line.startswith("| ")]


@pytest.mark.parametrize("phrase", LECTURE_2_POINTS)
def test_lecture_2_point_has_a_section_and_a_cell(phrase):
    rows = [row for row in _coverage_rows() if phrase.lower() in row[0].lower()]
    assert rows, f"coverage.md lists no lecture point containing {phrase!r}"
    point, section, cell, _ = rows[0]
    assert LECTURE_2_POINTS[phrase] in section, f"{phrase!r} should be taught on {LECTURE_2_POINTS[phrase]}: {section}"
    assert cell not in ("", "—"), f"{phrase!r} has no runnable cell in coverage.md"
    page = BOOK / "ch2_word2vec" / f"{LECTURE_2_POINTS[phrase]}.md"
    assert "```{code-cell}" in page.read_text(encoding="utf8")


def test_skipgram_and_cbow_use_input_and_output_vectors():
    page = (BOOK / "ch2_word2vec" / "skipgram_negative_sampling.md").read_text(encoding="utf8")
    section = page[page.index("## Skip-gram vs CBOW"):page.index("## The cost of the softmax normalizer")]
    assert "input vector" in section and "output vector" in section
    notation = (BOOK / "notation.md").read_text(encoding="utf8")
    assert "**input vector**" in notation and "**output vector**" in notation


def _draw():
    spec = importlib.util.spec_from_file_location("book_diagrams_draw", BOOK / "diagrams" / "draw.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_window_diagram_numbers_the_second_row_from_the_new_centre():
    svg = str(_draw().word2vec_window())
    labels = re.findall(r'class="math">w<tspan dy="[\d.]+" font-size="[\d.]+">([^<]+)</tspan>', svg)
    assert labels == ["t-2", "t-1", "t", "t+1", "t+2", "t-1", "t", "t+1", "t+2", "t+3"]


def test_cbow_diagram_names_input_and_output_vectors():
    svg = str(_draw().skipgram_vs_cbow())
    assert "input vector" in svg and "output vectors" in svg and "centre vector" not in svg
