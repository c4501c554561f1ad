"""The grading package (autograder.package) and the declarations it is built from (autograder.layout):
what a grading reads travels in it, `--suite`/`--solution` redirect what they name, and a declaration that
names a missing file or a path outside the course is refused. No grading runs here."""
import shutil

import pytest

from autograder import layout, package
from tests.autograder.conftest import TOY_SOLUTION, TOY_SUITE, toy_course


def test_a4_package_carries_its_suite_reference_bug_variants_and_needs(tmp_path):
    declared = layout.course().assignment("a4_rnn")
    grading = package.build("a4_rnn", {})
    names = set(grading.files)
    assert {"suite/conftest.py", "suite/baselines.py", "reference/a4_rnn.ipynb",
            "needs/a3_reference/a3_ngram.ipynb", "needs/a3_settings/ngram_baseline.py"} <= names
    assert {f"suite/variants/{p.name}" for p in declared.variants.glob("bug_*.py")} == \
        {name for name in names if name.startswith("suite/variants/")}
    assert grading.manifest["timeout"] == declared.budgets["timeout"]
    options = package.unpack(grading, tmp_path / "there")
    assert options["needs"]["a3_settings"] == str(tmp_path / "there" / "needs/a3_settings/ngram_baseline.py")
    assert (tmp_path / "there" / "needs/a3_settings/ngram_baseline.py").read_bytes() == \
        declared.needs["a3_settings"].read_bytes()
    assert options["variants"] == str(tmp_path / "there" / "suite" / "variants")


def test_suite_and_solution_redirect_what_they_name(tmp_path):
    suite = tmp_path / "my_suite"
    shutil.copytree(TOY_SUITE, suite)
    (suite / "variants").mkdir()
    (suite / "variants" / "bug_mine.py").write_text('"""mine"""\n')
    grading = package.build("a1_softmax", {"suite": suite, "solution": TOY_SOLUTION})
    assert "suite/test_toy.py" in grading.files and "suite/test_softmax.py" not in grading.files
    assert grading.files["reference/toy.ipynb"] == TOY_SOLUTION.read_bytes()
    assert [name for name in grading.files if "variants" in name] == ["suite/variants/bug_mine.py"]
    assert grading.manifest["needs"] == {}


def test_a_declaration_must_stay_in_its_course_and_name_existing_files(tmp_path):
    course = toy_course(tmp_path / "course")
    declaration = course.assignment("toy").declaration
    text = declaration.read_text()
    declaration.write_text(text + '\n[needs]\nelsewhere = "../outside.txt"\n')
    with pytest.raises(layout.DeclarationError, match="leaves the course folder"):
        course.assignment("toy")
    declaration.write_text(text + '\n[needs]\nmissing = "solutions/toy/absent.py"\n')
    with pytest.raises(FileNotFoundError, match="missing"):
        package.build("toy", {"suite": course.assignment("toy").suite,
                              "solution": course.assignment("toy").reference,
                              "needs": course.assignment("toy").needs})
    declaration.write_text(text.replace('name = "toy"', 'name = "other"'))
    with pytest.raises(layout.DeclarationError, match="folder's name"):
        course.assignments()
    declaration.write_text(text)
    with pytest.raises(layout.DeclarationError, match="no assignment 'nope' is declared"):
        layout.course(tmp_path / "course").assignment("nope")
