"""Whether a student's recorded results are a known-buggy variant's: the comparisons of diagnosis.

A variant explains a function's results when every recorded call agrees with the variant's (floats
within relative RTOL; draws from a seeded RNG: the same draws, or counts a chi-square test cannot
tell apart) and at least one call shows the variant's difference from the reference (a witness).
"""
import math
from dataclasses import dataclass

import numpy as np

RTOL = 1e-6  # how close the student's result must be to a variant's: far looser than rounding
WITNESS_RTOL = 1e-3  # a real difference, not rounding: also for values far below 1 (sigmoid's tails)
WITNESS_SCALE = 1e-10  # ... or one far above rounding, relative to the largest value of the array
SAME_DRAWS_P = 1e-3  # chi-square p above this: the draws may come from the variant's distribution
OTHER_DRAWS_P = 1e-6  # below this: they do not come from the reference's
MIN_DRAWS = 100


@dataclass
class Verdict:
    same: bool = True  # the student's result agrees with the variant's
    witness: bool = False  # ... at a place where the variant's differs from the reference's


def explains(students, variants, references, stochastic) -> bool:
    """Every outcome agrees with the variant, and one shows the variant's difference from the reference."""
    witness = False
    for student, variant, reference, rng in zip(students, variants, references, stochastic):
        same, seen = judge(student, variant, reference, rng)
        if not same:
            return False
        witness = witness or seen
    return witness


def judge(student, variant, reference, rng) -> tuple[bool, bool]:
    """(the student's outcome agrees with the variant's, it shows the variant's difference from the reference)."""
    if student[0] == "raised" or variant[0] == "raised":
        return student == variant, student == variant and reference != variant
    if variant[0] != "value" or student[0] != "value":
        return False, False
    verdict = Verdict()
    _compare(student[1], variant[1], reference[1] if reference[0] == "value" else _MISSING, rng, verdict)
    return verdict.same, verdict.same and (verdict.witness or reference[0] != "value")


_MISSING = object()


def _compare(student, variant, reference, rng: bool, verdict: Verdict) -> None:
    if not verdict.same:
        return
    if isinstance(variant, dict):
        if not isinstance(student, dict) or set(student) != set(variant):
            verdict.same = False
            return
        if not isinstance(reference, dict) or set(reference) != set(variant):
            verdict.witness = True
        for key in variant:
            _compare(student[key], variant[key],
                     reference.get(key, _MISSING) if isinstance(reference, dict) else _MISSING, rng, verdict)
        return
    if isinstance(variant, (list, tuple)) and not numeric(variant):
        if not isinstance(student, (list, tuple)) or len(student) != len(variant):
            verdict.same = False
            return
        if not isinstance(reference, (list, tuple)) or len(reference) != len(variant):
            verdict.witness, reference = True, [_MISSING] * len(variant)
        for s, v, r in zip(student, variant, reference):
            _compare(s, v, r, rng, verdict)
        return
    if _scalar(variant) and _scalar(student) and not rng:
        _compare_scalars(student, variant, reference, verdict)
        return
    if numeric(variant) and numeric(student):
        _compare_numbers(np.asarray(student), np.asarray(variant), reference, rng, verdict)
        return
    try:
        equal = bool(student == variant)
    except Exception:
        equal = False
    if not equal:
        verdict.same = False
        return
    try:
        verdict.witness = verdict.witness or not bool(reference == variant)
    except Exception:
        verdict.witness = True


def numeric(value) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, (int, float, np.ndarray, np.generic)):
        return np.asarray(value).dtype.kind in "iuf"
    if isinstance(value, (list, tuple)) and value:
        try:
            return np.asarray(value).dtype.kind in "iuf"
        except (ValueError, TypeError):
            return False
    return False


def close(a, b, rtol) -> np.ndarray:
    """Elementwise: within rtol of the larger magnitude, or within 1e-12 of the arrays' scale;
    NaN matches NaN and infinities match themselves."""
    a, b = a.astype(np.float64), b.astype(np.float64)
    finite = np.isfinite(a) & np.isfinite(b)
    scale = max(float(np.max(np.abs(a[finite]), initial=0.0)), float(np.max(np.abs(b[finite]), initial=0.0)))
    with np.errstate(all="ignore"):
        close = np.abs(a - b) <= rtol * np.maximum(np.abs(a), np.abs(b)) + 1e-12 * scale
    return np.where(finite, close, (a == b) | (np.isnan(a) & np.isnan(b)))


def _rel_close(a, b, rtol) -> np.ndarray:
    """Elementwise, relative only (values far below 1 count): the witness of a real difference."""
    a, b = a.astype(np.float64), b.astype(np.float64)
    with np.errstate(all="ignore"):
        close = np.abs(a - b) <= rtol * np.maximum(np.abs(a), np.abs(b))
    return close | (a == b) | (np.isnan(a) & np.isnan(b))


def _witness(student, variant, reference) -> np.ndarray:
    """Elementwise: the variant differs from the reference for real (not by rounding), and the student's
    result sides with the variant. Relative, for differences in values far below 1 (sigmoid's tails);
    absolute against the arrays' scale, for small numerical errors (a cancellation in 1 - sigmoid)."""
    s, v, r = (x.astype(np.float64) for x in (student, variant, reference))
    finite = np.isfinite(v) & np.isfinite(r)
    scale = max(float(np.max(np.abs(v[finite]), initial=0.0)), float(np.max(np.abs(r[finite]), initial=0.0)))
    with np.errstate(all="ignore"):
        gap, off = np.abs(v - r), np.abs(s - v)
        relative = ~_rel_close(v, r, WITNESS_RTOL) & _rel_close(s, v, WITNESS_RTOL)
        scaled = (gap > WITNESS_SCALE * scale) & (off <= 0.01 * gap)
    return relative | (finite & scaled)


def _scalar(value):
    return isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(value, (bool, np.bool_))


def _compare_scalars(student, variant, reference, verdict):
    """_compare_numbers for plain numbers, without numpy's per-call overhead (a3 compares thousands)."""
    s, v = float(student), float(variant)
    if not (s == v or (math.isnan(s) and math.isnan(v)) or
            (math.isfinite(s) and math.isfinite(v) and abs(s - v) <= RTOL * max(abs(s), abs(v)) + 1e-12 * max(abs(s), abs(v)))):
        verdict.same = False
        return
    if reference is _MISSING or not _scalar(reference):
        verdict.witness = True
        return
    r = float(reference)
    if not (math.isfinite(v) and math.isfinite(r)):
        gap_real = not (v == r or (math.isnan(v) and math.isnan(r)))
        verdict.witness = verdict.witness or gap_real
        return
    gap, off, scale = abs(v - r), abs(s - v), max(abs(v), abs(r))
    relative = gap > WITNESS_RTOL * scale and off <= WITNESS_RTOL * max(abs(s), abs(v))
    verdict.witness = verdict.witness or relative or (gap > WITNESS_SCALE * scale and off <= 0.01 * gap)


def _compare_numbers(student, variant, reference, rng, verdict):
    if student.shape != variant.shape:
        verdict.same = False
        return
    reference = np.asarray(reference) if reference is not _MISSING and numeric(reference) else None
    if rng:
        if np.array_equal(student, variant):
            verdict.witness = verdict.witness or reference is None or not np.array_equal(reference, variant)
            return
        if student.dtype.kind in "iu" and variant.dtype.kind in "iu" and student.size >= MIN_DRAWS and \
                reference is not None and reference.dtype.kind in "iu" and student.ndim == 1:
            if _draws_p(student, variant) > SAME_DRAWS_P:
                verdict.witness = verdict.witness or (_draws_p(student, reference) < OTHER_DRAWS_P and
                                                      _draws_p(variant, reference) < OTHER_DRAWS_P)
                return
        verdict.same = False
        return
    if not np.all(close(student, variant, RTOL)):
        verdict.same = False
        return
    if reference is None or reference.shape != variant.shape:
        verdict.witness = True
        return
    verdict.witness = verdict.witness or bool(np.any(_witness(student, variant, reference)))


def _draws_p(a, b) -> float:
    """p-value of a chi-square test that two samples of indices come from one distribution."""
    from scipy.stats import chi2_contingency
    if min(a.min(initial=0), b.min(initial=0)) < 0:
        return 0.0
    size = int(max(a.max(initial=0), b.max(initial=0))) + 1
    table = np.array([np.bincount(a, minlength=size), np.bincount(b, minlength=size)])
    table = table[:, table.sum(axis=0) > 0]
    if table.shape[1] < 2:
        return 1.0
    return float(chi2_contingency(table)[1])
