"""Diagnosis from bug signatures (autograder.diagnosis): grading a known-buggy variant names its own bug in
the feedback of a failed test; an ok_ variant (full marks) gets no diagnosis; the bug_ variants travel in
the Gradescope bundle, never in the student release.

Gradings come from the session-scoped `grader` of tests/assignments/conftest.py, shared with
test_variants.py: nothing is graded twice.
"""
import zipfile

import numpy as np
import pytest

from autograder import compare, diagnosis, release, structural
from autograder.gradescope import build_bundle
from tests.assignments.conftest import all_variants, ready_assignments

VARIANTS = all_variants()
# Variants whose bug the diagnosis cannot name, and why. Everything else must be named.
OUT_OF_REACH = {
    # Trains a model (select: slow); training runs are metered stages, never replayed.
    "a2_sgns/bug_train_untrained": "train_sgns is a training run (metered stage): never replayed",
    "a4_rnn/bug_model_sees_the_future": "train_rnnlm: a training run and a torch model behind a handle",
    "a4_rnn/bug_reads_the_next_token": "train_rnnlm: a training run and a torch model behind a handle",
    "a4_rnn/bug_trained_briefly": "train_rnnlm: a training run",
    "a4_rnn/bug_untrained_model": "train_rnnlm: a training run",
    "a4_rnn/bug_stops_before_beating_the_unigram": "train_rnnlm: a training run",
    # Its test hands continuation_counts a Counter built in the worker (tuple keys are not plain data): a handle,
    # which the grader cannot rebuild to replay the call on the variants.
    "a3_ngram/bug_continuation_counts_adds_counts": "its input is a Counter kept in the worker: not replayed",
    # Fails only a check on numpy's error state (student.np.seterr), which is not replayed in the grader.
    "a2_sgns/bug_sigmoid_naive_overflow": "its values are right: only the overflow warning is wrong",
    "a2_sgns/bug_sigmoid_where_both_branches": "its values are right: only the overflow warning is wrong",
    # Its failing test calls train_sgns (a training run): replaying that for each variant exceeds the budget.
    "a2_sgns/bug_train_min_count_strict": "its test trains (train_sgns): too dear to replay for each variant",
}
DIAGNOSED = [v for v in VARIANTS if v.kind == "bug" and str(v) not in OUT_OF_REACH]
CORRECT = [v for v in VARIANTS if v.kind == "ok"]


def diagnoses(results) -> list[str]:
    return [line for test in results.tests for line in test.output.splitlines() if line.startswith("Diagnosis:")]


@pytest.mark.parametrize("variant", DIAGNOSED, ids=str)
def test_bug_variant_is_named_in_the_feedback(grader, variant):
    results = grader.variant(variant)
    sentence = diagnosis.describe_variant(variant.path)
    named = [test.name for test in results.tests if test.status == "failed" and sentence in test.output]
    assert named, (f"{variant}: no failed test names the bug ({sentence!r}); diagnoses given: "
                   f"{diagnoses(results) or 'none'}")


@pytest.mark.grades("stub")
@pytest.mark.parametrize("assignment", ready_assignments())
def test_unwritten_functions_are_not_diagnosed(grader, assignment):
    """The released stub raises NotImplementedError: no known mistake is an unwritten function, so its
    failed tests replay nothing (a2's stub spent 10 CPU s a test replaying train_sgns in every variant)."""
    log = grader.stub(assignment).log
    replays = [line for line in log.splitlines() if line.startswith("autograder.diagnosis:")]
    assert replays == [], f"the stub of {assignment} was diagnosed: {replays[:3]}"


@pytest.mark.parametrize("variant", CORRECT, ids=str)
def test_ok_variant_gets_no_diagnosis(grader, variant):
    assert diagnoses(grader.variant(variant)) == []


@pytest.mark.parametrize("variant", DIAGNOSED, ids=str)
def test_bug_variant_names_no_correct_variant(grader, variant):
    """A diagnosis never quotes an ok_ variant (those are not even loaded), only bug_ ones."""
    sentences = {diagnosis.describe_variant(v.path) for v in CORRECT if v.assignment == variant.assignment}
    quoted = [line for line in diagnoses(grader.variant(variant)) if any(s in line for s in sentences)]
    assert not quoted, quoted


def test_out_of_reach_list_names_existing_variants():
    known = {str(v) for v in VARIANTS}
    assert set(OUT_OF_REACH) <= known, set(OUT_OF_REACH) - known


def test_bundle_carries_bug_variants_and_release_does_not(tmp_path):
    with zipfile.ZipFile(build_bundle("a1_softmax", tmp_path / "a1.zip")) as archive:
        names = archive.namelist()
    assert not any(name.startswith("tests/") for name in names)
    carried = {name for name in names if name.startswith("package/suite/variants/")}
    expected = {f"package/suite/variants/{v.path.name}" for v in VARIANTS
                if v.assignment == "a1_softmax" and v.kind == "bug"}
    assert carried == expected
    written = release.release(out_dir=tmp_path / "assignments")
    assert not [p for p in written if "variants" in p.parts or p.name.startswith(("bug_", "ok_"))]
    assert not list((tmp_path / "assignments").rglob("bug_*.py"))


# ---- the matching rules on their own, without grading ---------------------------------------------
def test_a_variant_is_named_only_when_every_call_matches():
    reference = [("value", np.array([1.0, 2.0]))] * 2
    variant = [("value", np.array([1.0, -2.0]))] * 2
    assert compare.explains(variant, variant, reference, [False, False])
    # one call matches the reference, not the variant: no claim
    assert not compare.explains([variant[0], reference[1]], variant, reference, [False, False])
    # the variant gives the reference's results: nothing it could explain
    assert not compare.explains(reference, reference, reference, [False, False])
    # close within 1e-6 relative counts; 1e-3 does not
    assert compare.explains([("value", np.array([1.0, -2.0 * (1 + 1e-8)]))], variant[:1], reference[:1], [False])
    assert not compare.explains([("value", np.array([1.0, -2.002]))], variant[:1], reference[:1], [False])


def test_tiny_values_still_witness_a_difference():
    """sigma(-50) = 1.9e-22 against an exact 0: relative, not absolute, differences count."""
    reference = [("value", np.array([1.9e-22, 0.5]))]
    variant = [("value", np.array([0.0, 0.5]))]
    assert compare.explains(variant, variant, reference, [False])


def test_draws_are_compared_as_distributions():
    rng = np.random.default_rng(0)
    probs = np.array([0.5, 0.3, 0.2])
    uniform = [("value", rng.integers(0, 3, size=3000))]
    student = [("value", rng.integers(0, 3, size=3000))]
    reference = [("value", rng.choice(3, size=3000, p=probs))]
    assert compare.explains(student, uniform, reference, [True])
    assert not compare.explains(student, reference, uniform, [True])


def test_structural_checks_say_what_is_off():
    kind = structural.kind
    a = np.arange(6.0).reshape(2, 3) + 1
    assert "sign flipped" in kind([(-a, a)], [{}])
    assert "transpose" in kind([(a.T, a)], [{}])
    assert "multiplied by len(inputs)" in kind([(5 * a, a), (7 * a, a)], [{"len(inputs)": 5}, {"len(inputs)": 7}])
    assert "divided by len(inputs)" in kind([(a / 5, a)], [{"len(inputs)": 5}])
    assert kind([(a + 1, a)], [{}]) is None  # no pattern: nothing is said
