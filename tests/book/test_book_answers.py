"""Every warm-up question, exercise and self-check question of the book has a collapsed answer right
after it, every chapter ends with a self-check that points into an assignment, and the notation page
exists, is in the table of contents and is linked from the introduction and every chapter.

The checks read the MyST sources (fast, no build); one slow test also looks at the built HTML."""
import re
from pathlib import Path

import pytest
import yaml

from toc_pages import toc_docnames

REPO = Path(__file__).resolve().parents[2]
TOC = yaml.safe_load((REPO / "_toc.yml").read_text(encoding="utf8"))
PAGES = toc_docnames(REPO / "_toc.yml")
NOTATION = "book/notation"
ASSIGNMENTS = ("a1_softmax", "a2_sgns", "a3_ngram", "a4_rnn")

HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
QUESTION_SECTION = re.compile(r"warm-up|exercise|self-check", re.IGNORECASE)
QUESTION = re.compile(r"^\d+\.\s")  # a numbered item at the start of a line: one question
# A collapsed answer: sphinx-design's dropdown directive (colon or backtick fence), or an admonition
# with the dropdown class (sphinx-togglebutton).
ANSWER = re.compile(r"^(:{3,}|`{3,})\{dropdown\}|^:class:.*\bdropdown\b", re.MULTILINE)


def _source(docname: str) -> str:
    return (REPO / f"{docname}.md").read_text(encoding="utf8")


def _sections(text: str) -> list[tuple[str, list[str]]]:
    """(heading, lines) of every section, code cells skipped so that a '# comment' is no heading."""
    sections, heading, lines, in_code = [], "", [], False
    for line in text.splitlines():
        if line.startswith("```") and not line.startswith("```{dropdown}"):
            in_code = not in_code
        match = None if in_code else HEADING.match(line)
        if match:
            sections.append((heading, lines))
            # the page title ("# Exercises and ...") is not a question section: its sections are
            heading, lines = (match.group(2) if len(match.group(1)) > 1 else ""), []
        else:
            lines.append(line)
    sections.append((heading, lines))
    return sections


def _questions_and_answers(lines: list[str]) -> list[tuple[str, bool]]:
    """Each question of a section and whether an answer follows it before the next question."""
    starts = [i for i, line in enumerate(lines) if QUESTION.match(line)]
    result = []
    for start, end in zip(starts, [*starts[1:], len(lines)]):
        block = "\n".join(lines[start:end])
        result.append((lines[start][:70], bool(ANSWER.search(block))))
    return result


def _question_sections(docname: str) -> list[tuple[str, list[tuple[str, bool]]]]:
    return [(heading, _questions_and_answers(lines))
            for heading, lines in _sections(_source(docname)) if QUESTION_SECTION.search(heading)]


QUESTION_PAGES = [name for name in PAGES if (REPO / f"{name}.md").is_file() and _question_sections(name)]


def _chapters() -> list[dict]:
    return [chapter for part in TOC["parts"] for chapter in part["chapters"] if chapter.get("sections")]


def test_the_book_has_question_pages():
    # one exercises page per chapter at least, so the checks below cannot pass by finding nothing
    assert len(QUESTION_PAGES) >= len(_chapters()) == 3, QUESTION_PAGES


def test_dropdowns_are_enabled():
    extensions = yaml.safe_load((REPO / "_config.yml").read_text(encoding="utf8"))["sphinx"]["config"]["extensions"]
    assert "sphinx_design" in extensions, "the {dropdown} directive comes from sphinx_design"


@pytest.mark.parametrize("docname", QUESTION_PAGES)
def test_every_question_has_a_collapsed_answer(docname):
    for heading, questions in _question_sections(docname):
        assert questions, f"{docname}: section {heading!r} has no numbered questions"
        unanswered = [question for question, answered in questions if not answered]
        assert unanswered == [], f"{docname}, section {heading!r}: no collapsed answer after {unanswered}"


@pytest.mark.parametrize("chapter", [c["file"] for c in _chapters()])
def test_every_chapter_ends_with_a_self_check_into_an_assignment(chapter):
    last_page = next(c for c in _chapters() if c["file"] == chapter)["sections"][-1]["file"]
    headings = [(heading, lines) for heading, lines in _sections(_source(last_page))
                if re.search("self-check", heading, re.IGNORECASE)]
    assert headings, f"{last_page}, the last page of {chapter}, has no self-check section"
    heading, lines = headings[-1]
    questions = _questions_and_answers(lines)
    assert len(questions) >= 3 and all(answered for _, answered in questions), (
        f"{last_page}: the self-check needs at least 3 questions, each with a collapsed answer")
    assert any(name in heading or name in "\n".join(lines) for name in ASSIGNMENTS), (
        f"{last_page}: the self-check does not point into an assignment")


def test_notation_page_exists_and_is_in_the_toc():
    assert (REPO / f"{NOTATION}.md").is_file()
    assert NOTATION in PAGES, "_toc.yml does not list the notation page"
    text = _source(NOTATION)
    for symbol in (r"h_t", r"E[x_t]", r"\sigma", r"K", r"\lvert V \rvert"):
        assert symbol in text, f"the notation page does not define {symbol}"


@pytest.mark.parametrize("docname", ["book/intro", *[c["file"] for c in _chapters()]])
def test_notation_page_is_linked(docname):
    link = re.compile(r"\{doc\}`(?:[^`<]*<)?(?:\.\./)?notation>?`")
    assert link.search(_source(docname)), f"{docname} does not link to the notation page"


@pytest.mark.slow
@pytest.mark.parametrize("docname", QUESTION_PAGES)
def test_built_answers_are_collapsed(built_book, docname):
    html = (built_book / f"{docname}.html").read_text(encoding="utf8")
    questions = sum(len(q) for _, q in _question_sections(docname))
    dropdowns = [tag for tag in re.findall(r"<details[^>]*>", html) if "sd-dropdown" in tag]
    opened = [tag for tag in dropdowns if re.search(r"\bopen\b", tag)]
    assert len(dropdowns) >= questions, f"{docname}: {questions} questions, {len(dropdowns)} dropdowns in the HTML"
    assert opened == [], f"{docname}: {len(opened)} answers are shown open"
