"""Each tolerance of a1 and a2 is stated once in the notebook (the overview, or the one line that
makes an exception) and is the constant the hidden suite compares with; the README's example row
shows the tolerance a1's feedback really prints (issue 19, item 7)."""
import re

import pytest

from autograder.checks import assert_close
from autograder import layout
from tests.assignments.stated_bars import suite_module
from tests.assignments.test_stated_points import cells_of, source

# "$10^{-12} + 10^{-10}|\text{expected}|$": absolute plus relative, as assert_close applies them.
MIXED = re.compile(r"10\^\{-(\d+)\} \+ 10\^\{-(\d+)\}\|\\text\{expected\}\|")
CASES = {"a1_softmax": "softmax_cases", "a2_sgns": "sgns_cases"}


def markdown_of(assignment: str) -> str:
    return "\n".join(source(cell) for cell in cells_of(assignment) if cell["cell_type"] == "markdown")


@pytest.mark.parametrize("assignment", sorted(CASES))
def test_the_comparison_tolerance_is_stated_once_and_is_the_suites(assignment):
    cases = suite_module(assignment, CASES[assignment])
    text = markdown_of(assignment)
    found = MIXED.findall(text)
    assert len(found) == 1, f"{assignment}.ipynb states the comparison tolerance {len(found)} times, not once"
    assert MIXED.search(source(cells_of(assignment)[0])), "the overview (first cell) must state it"
    atol, rtol = (10.0 ** -int(exponent) for exponent in found[0])
    assert (atol, rtol) == (cases.ATOL, cases.RTOL)


def test_a1_float32_tolerance():
    cases = suite_module("a1_softmax", "softmax_cases")
    found = re.findall(r"float32 within \$10\^\{-(\d+)\}\$", markdown_of("a1_softmax"))
    assert [10.0 ** -int(exponent) for exponent in found] == [cases.FLOAT32_ATOL]


def test_a2_tail_tolerance():
    # Read, not imported: the constant sits in a test file of the suite, which needs the grading run.
    constant = re.search(r"^TAIL_RTOL = (\S+)$", (layout.course().assignment("a2_sgns").suite / "test_sigmoid.py").read_text(), re.MULTILINE)
    found = re.findall(r"\*\*relative\*\* error of \$10\^\{-(\d+)\}\$", markdown_of("a2_sgns"))
    assert [10.0 ** -int(exponent) for exponent in found] == [float(constant[1])]


def test_readme_example_row_prints_a1s_tolerance():
    cases = suite_module("a1_softmax", "softmax_cases")
    with pytest.raises(AssertionError) as failure:
        assert_close([1.0], [0.0], what="x", atol=cases.ATOL, rtol=cases.RTOL)
    printed = str(failure.value).split("tolerance ", 1)[1]
    readme = (layout.course().root / "autograder" / "README.md").read_text()
    rows = [line for line in readme.splitlines() if line.startswith("test_softmax_vector_and_batch")]
    assert rows and all(row.endswith(f"tolerance {printed}") for row in rows), rows
