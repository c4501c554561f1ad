"""One bug, one charge for a3's helpers: `NGramLM` is expected to count with `pad`, `ngrams` and
`continuation_counts`, which have tests of their own (test_counting.py). So a test of `NGramLM` accepts the
reference's values, or, when those do not match, the values of the reference counting with the student's own
helpers: a correct `NGramLM` built on a wrong `pad` loses `pad`'s points, not every model test's too. When the
student's helpers are right, the two are the same model; the wiki integration test still sees the whole."""
from collections import Counter

from autograder.api import StudentError
from autograder.in_process import load_module


def as_tokens(value, what):
    if not isinstance(value, (list, tuple)) or not all(isinstance(token, str) for token in value):
        raise AssertionError(f"{what}: expected a list of str, got {type(value).__name__}")
    return list(value)


def as_grams(value, what):
    """A list of n-grams (tuples or lists of str) as a list of tuples."""
    if not isinstance(value, (list, tuple)):
        raise AssertionError(f"{what}: expected a list of n-grams (tuples of str), got {type(value).__name__}")
    return [tuple(as_tokens(gram, what)) for gram in value]


def as_count_table(value, what):
    """The Counter (or dict) continuation_counts returned, read back from the worker as {gram: count}."""
    try:
        pairs = list(value.items())  # a handle's items() is read back as a list of (gram, count)
    except (AttributeError, StudentError):
        raise AssertionError(f"{what}: expected a Counter of n-grams, got {value!r}") from None
    table = {}
    for pair in pairs:
        if not (isinstance(pair, tuple) and len(pair) == 2 and isinstance(pair[0], tuple)
                and all(isinstance(token, str) for token in pair[0])):
            raise AssertionError(f"{what}: expected a Counter whose keys are n-grams (tuples of str)")
        count = pair[1]
        if isinstance(count, bool) or not isinstance(count, int):
            raise AssertionError(f"{what}: expected integer counts, got {type(count).__name__}")
        table[pair[0]] = count
    return {gram: count for gram, count in table.items() if count}  # a Counter may hold zeros


def students_continuation_counts(student, higher: Counter, what: str) -> dict:
    """The student's continuation_counts of `higher`, whose Counter is built in the worker (a Counter with tuple
    keys is not plain data)."""
    return as_count_table(student.continuation_counts(student.Counter(list(higher.elements()))), what)


def with_students_counting(reference, student):
    """A fresh copy of the reference whose NGramLM counts with the student's pad, ngrams and continuation_counts."""
    module = load_module(reference.__file__, "reference_counting_with_students_helpers")
    module.pad = lambda sentence, n: as_tokens(student.pad(list(sentence), n), "pad")
    module.ngrams = lambda padded, n: as_grams(student.ngrams(list(padded), n), "ngrams")
    module.continuation_counts = lambda higher: Counter(
        students_continuation_counts(student, higher, "continuation_counts"))
    return module


def either(check, reference, student, *, from_reference, from_students_counting):
    """check(from_reference(reference)); if that fails, check(from_students_counting(<the reference counting with
    the student's helpers>)); when both fail, the first failure is the student's."""
    try:
        check(from_reference(reference))
    except AssertionError as mismatch:
        try:
            check(from_students_counting(with_students_counting(reference, student)))
        except Exception:  # noqa: BLE001  any failure of the second chance leaves the first verdict
            raise mismatch from None
