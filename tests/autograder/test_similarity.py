"""Similarity report (`python -m autograder similarity`): on a synthetic a1_softmax class, copies
are flagged even when renamed and reordered, independently written correct solutions are not, and
the HTML report opens in headless Chromium with no console errors and no outside requests."""
import ast
import csv
import functools
import http.server
import re
import shutil
import sys
import threading
from pathlib import Path

import numpy as np
import pytest

from autograder import similarity
from autograder import layout
from autograder.replay import variant_code
from autograder.in_process import load_module, load_reference
from autograder.submission import extract_code
from tests.book.conftest import _QuietHandler

# The book's browser test imports its sibling `toc_pages` by bare name (pytest puts tests/book on
# sys.path when it collects that folder); make it importable when only this file is collected.
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "book"))
from tests.book.test_book_in_browser import PageVisit, _only_loopback, _record_failure  # noqa: E402

ASSIGNMENT = "a1_softmax"
VARIANTS = layout.course().assignment(ASSIGNMENT).variants
SOLUTION = layout.course().assignment(ASSIGNMENT).reference

# Three correct a1 solutions written independently of the reference (and of each other), the way
# students fill in the released notebook: its signatures and docstrings, their own bodies.
INDEPENDENT = {
    "indep_loops": '''
import numpy as np

def softmax(x):
    """Softmax over the last axis of an array of any shape, in float64, stable for large |x|."""
    arr = np.array(x, dtype=float)
    flat = arr.reshape(-1, arr.shape[-1]) if arr.ndim else arr.reshape(1, 1)
    out = np.empty_like(flat)
    for row in range(flat.shape[0]):
        biggest = flat[row].max()
        weights = np.exp(flat[row] - biggest)
        out[row] = weights / weights.sum()
    return out.reshape(arr.shape)

def naive_softmax_loss_and_gradient(center_vec, outside_idx, outside_vectors):
    """Loss -log softmax(U v_c)[o] of one (centre, outside) pair, and its gradients wrt v_c and U."""
    logits = np.dot(outside_vectors, center_vec)
    p = softmax(logits)
    delta = p.copy()
    delta[outside_idx] = delta[outside_idx] - 1
    loss_value = -float(np.log(p[outside_idx]))
    gc = np.dot(delta, outside_vectors)
    gu = delta.reshape(-1, 1) * center_vec.reshape(1, -1)
    return loss_value, gc, gu

def skipgram(center_idx, outside_idxs, center_vectors, outside_vectors,
             loss_and_gradient=naive_softmax_loss_and_gradient):
    """Skip-gram loss of one window (the sum over its outside words) and its gradients."""
    vc = center_vectors[center_idx]
    total = 0.0
    gc = np.zeros(center_vectors.shape, dtype=float)
    gu = np.zeros(outside_vectors.shape, dtype=float)
    for o in outside_idxs:
        part, dvc, du = loss_and_gradient(vc, o, outside_vectors)
        total = total + part
        gc[center_idx] = gc[center_idx] + dvc
        gu = gu + du
    return float(total), gc, gu
''',
    "indep_einsum": '''
import numpy as np

def softmax(x):
    """Softmax over the last axis of an array of any shape, in float64, stable for large |x|."""
    z = np.asarray(x, dtype=np.float64)
    shifted = z - np.amax(z, axis=-1)[..., np.newaxis]
    unnormalised = np.exp(shifted)
    return unnormalised / np.sum(unnormalised, axis=-1)[..., np.newaxis]

def naive_softmax_loss_and_gradient(center_vec, outside_idx, outside_vectors):
    """Loss -log softmax(U v_c)[o] of one (centre, outside) pair, and its gradients wrt v_c and U."""
    y_hat = softmax(np.einsum("wd,d->w", outside_vectors, center_vec))
    target = np.eye(y_hat.shape[0])[outside_idx]
    residual = y_hat - target
    return (float(-np.log(y_hat[outside_idx])),
            np.einsum("w,wd->d", residual, outside_vectors),
            np.einsum("w,d->wd", residual, center_vec))

def skipgram(center_idx, outside_idxs, center_vectors, outside_vectors,
             loss_and_gradient=naive_softmax_loss_and_gradient):
    """Skip-gram loss of one window (the sum over its outside words) and its gradients."""
    terms = [loss_and_gradient(center_vectors[center_idx], word, outside_vectors)
             for word in outside_idxs]
    dcenter = np.zeros_like(center_vectors, dtype=np.float64)
    if terms:
        dcenter[center_idx] = np.sum([term[1] for term in terms], axis=0)
        doutside = np.sum([term[2] for term in terms], axis=0)
    else:
        doutside = np.zeros_like(outside_vectors, dtype=np.float64)
    return float(sum(term[0] for term in terms)), dcenter, doutside
''',
    "indep_logdomain": '''
import math
import numpy as np

def softmax(x):
    """Softmax over the last axis of an array of any shape, in float64, stable for large |x|."""
    values = np.asarray(x, dtype=np.float64)
    peak = values.max(axis=-1, keepdims=True)
    log_total = peak + np.log(np.exp(values - peak).sum(axis=-1, keepdims=True))
    return np.exp(values - log_total)

def naive_softmax_loss_and_gradient(center_vec, outside_idx, outside_vectors):
    """Loss -log softmax(U v_c)[o] of one (centre, outside) pair, and its gradients wrt v_c and U."""
    scores = outside_vectors.dot(center_vec)
    top = float(np.max(scores))
    log_z = top + math.log(float(np.sum(np.exp(scores - top))))
    probabilities = np.exp(scores - log_z)
    expected_vector = outside_vectors.T.dot(probabilities)
    grad_center = expected_vector - outside_vectors[outside_idx]
    grad_outside = np.outer(probabilities, center_vec)
    grad_outside[outside_idx] -= center_vec
    return log_z - float(scores[outside_idx]), grad_center, grad_outside

def skipgram(center_idx, outside_idxs, center_vectors, outside_vectors,
             loss_and_gradient=naive_softmax_loss_and_gradient):
    """Skip-gram loss of one window (the sum over its outside words) and its gradients."""
    window_loss = 0.0
    center_grads = 0.0 * np.asarray(center_vectors, dtype=np.float64)
    outside_grads = 0.0 * np.asarray(outside_vectors, dtype=np.float64)
    k = 0
    while k < len(outside_idxs):
        result = loss_and_gradient(center_vectors[center_idx], outside_idxs[k], outside_vectors)
        window_loss += result[0]
        center_grads[center_idx] += result[1]
        outside_grads += result[2]
        k += 1
    return float(window_loss), center_grads, outside_grads
''',
}

# What a copier renames (words, whole identifiers only).
RENAMES = {"center_vec": "vc", "outside_idx": "target", "outside_vectors": "U", "probs": "p_hat",
           "error": "diff", "loss": "value", "grad_center_vec": "dvc", "grad_outside_vectors": "dU",
           "grad_center_vectors": "g_centers", "x": "logits", "exps": "e", "center_vectors": "V_c",
           "pair_loss": "single", "grad_outside": "dU_pair", "arr": "a", "flat": "rows",
           "biggest": "mx", "weights": "ex", "logits": "s", "p": "prob", "delta": "d",
           "loss_value": "nll", "gc": "grad_c", "gu": "grad_u", "total": "acc", "part": "l"}


def disguise(code: str, renames: dict[str, str] = RENAMES) -> str:
    """`code` as a copier hides it: imports first, then the functions in reverse order, every
    identifier in `renames` renamed and comments dropped."""
    tree = ast.parse(code)
    imports = [ast.get_source_segment(code, n) for n in tree.body if isinstance(n, (ast.Import, ast.ImportFrom))]
    others = [ast.get_source_segment(code, n) for n in tree.body if not isinstance(n, (ast.Import, ast.ImportFrom))]
    text = "\n".join(imports) + "\n\n\n" + "\n\n\n".join(reversed(others)) + "\n"
    text = re.sub(r"[ \t]*#[^\n\"']*$", "", text, flags=re.MULTILINE)
    pattern = re.compile(r"\b(" + "|".join(map(re.escape, sorted(renames, key=len, reverse=True))) + r")\b")
    return pattern.sub(lambda match: renames[match.group(1)], text)


def reference_code() -> str:
    return extract_code(SOLUTION)


def ok_variant_students() -> dict[str, str]:
    """student -> the reference with an ok_ variant appended, as the assignments' meta-test grades it."""
    return {f"ref_{path.stem}": variant_code(reference_code(), path)
            for path in sorted(VARIANTS.glob("ok_*.py"))}


def make_class(folder: Path) -> Path:
    """The synthetic class: the reference, the reference with each ok_ variant, three independent
    solutions, a disguised copy of the reference and of one independent solution, the solution
    notebook in a student folder, the released stub and an unreadable notebook."""
    folder.mkdir(parents=True, exist_ok=True)
    students = {"reference": reference_code(), **ok_variant_students(), **INDEPENDENT,
                "copy_of_reference": disguise(reference_code()),
                "copy_of_indep_loops": disguise(INDEPENDENT["indep_loops"])}
    for student, code in students.items():
        (folder / f"{student}.py").write_text(code)
    (folder / "zoe").mkdir()
    shutil.copy(SOLUTION, folder / "zoe" / f"{ASSIGNMENT}.ipynb")
    shutil.copy(layout.course().released(ASSIGNMENT), folder / "stub.ipynb")
    (folder / "broken.ipynb").write_text("{not json")
    return folder


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    """The report of the synthetic class, at the default threshold."""
    root = tmp_path_factory.mktemp("similarity")
    submissions = make_class(root / "submissions")
    summary = similarity.similarity_report(ASSIGNMENT, submissions, root / "report")
    with open(root / "report" / "pairs.csv", newline="") as handle:
        rows = list(csv.DictReader(handle))
    pairs = {frozenset((row["student_a"], row["student_b"])): row for row in rows}
    return root / "report", summary, rows, pairs


@pytest.mark.parametrize("name", sorted(INDEPENDENT))
def test_independent_solutions_are_correct(name, tmp_path):
    """The fixtures' independent solutions agree with the reference (so 'correct' is checked)."""
    path = tmp_path / f"{name}.py"
    path.write_text(INDEPENDENT[name])
    mine, reference = load_module(path, name), load_reference(ASSIGNMENT)
    rng = np.random.default_rng(7)
    x = rng.normal(size=(2, 3, 5)) * 50
    np.testing.assert_allclose(mine.softmax(x), reference.softmax(x), rtol=1e-10, atol=1e-12)
    center, outside = rng.normal(size=(6, 4)), rng.normal(size=(6, 4))
    for got, want in zip(mine.naive_softmax_loss_and_gradient(center[1], 3, outside),
                         reference.naive_softmax_loss_and_gradient(center[1], 3, outside)):
        np.testing.assert_allclose(got, want, rtol=1e-10, atol=1e-12)
    for got, want in zip(mine.skipgram(2, [0, 5, 0, 3], center, outside),
                         reference.skipgram(2, [0, 5, 0, 3], center, outside)):
        np.testing.assert_allclose(got, want, rtol=1e-10, atol=1e-12)


def test_disguise_renames_and_reorders():
    copy = disguise(reference_code())
    assert "outside_vectors" not in copy and "grad_center_vec" not in copy
    assert copy.index("def skipgram") < copy.index("def softmax")


def test_renamed_reordered_copies_are_flagged(report):
    _, _, rows, pairs = report
    for original, copy in [("reference", "copy_of_reference"), ("indep_loops", "copy_of_indep_loops"),
                           ("reference", "zoe")]:
        row = pairs.get(frozenset((original, copy)))
        assert row is not None, f"{copy} not flagged against {original}"
        assert float(row["similarity_a"]) > 0.9 and float(row["similarity_b"]) > 0.9, row
        assert int(row["matched_tokens"]) > 200, row
    # The disguised copy of an independent solution is the top pair that involves it.
    involving = [row for row in rows if "indep_loops" in (row["student_a"], row["student_b"])]
    assert {involving[0]["student_a"], involving[0]["student_b"]} == {"indep_loops", "copy_of_indep_loops"}


def test_reference_with_ok_variants_is_flagged_as_the_reference(report):
    """Each ok_ variant student is the reference plus an override: a copy, and found."""
    _, _, _, pairs = report
    for student in ok_variant_students():
        assert frozenset(("reference", student)) in pairs, f"{student} not flagged against the reference"


def test_independent_solutions_are_not_flagged(report):
    _, _, _, pairs = report
    others = ["reference", *ok_variant_students(), *INDEPENDENT, "copy_of_reference"]
    for student in INDEPENDENT:
        for other in others:
            if other != student:
                assert frozenset((student, other)) not in pairs, \
                    f"independent {student} flagged against {other}: {pairs.get(frozenset((student, other)))}"


def test_report_lists_unreadable_and_starter_only_submissions(report):
    folder, summary, rows, pairs = report
    page = (folder / "index.html").read_text()
    assert "broken" in page and "not valid JSON" in page
    assert "No code beyond the starter notebook" in page and "stub" in page
    assert not any("broken" in pair or "stub" in pair for pair in pairs)
    assert "1 unreadable" in summary
    assert rows == sorted(rows, key=lambda row: -float(row["similarity"]))
    assert 'id="pair-1"' in page and "<mark>" in page


def test_bad_input_is_a_clear_error(tmp_path, capsys):
    with pytest.raises(similarity.SimilarityError, match="no assignment .a9_nothing. is declared"):
        similarity.similarity_report("a9_nothing", tmp_path, tmp_path / "out")
    with pytest.raises(similarity.SimilarityError, match="does not exist"):
        similarity.similarity_report(ASSIGNMENT, tmp_path / "missing", tmp_path / "out")
    (tmp_path / "one").mkdir()
    (tmp_path / "one" / "alice.py").write_text(reference_code())
    with pytest.raises(similarity.SimilarityError, match="at least 2"):
        similarity.similarity_report(ASSIGNMENT, tmp_path / "one", tmp_path / "out")
    # Through the command's own entry point: exit status 2 and the message on stderr.
    assert similarity.main([ASSIGNMENT, str(tmp_path / "missing"), "--out", str(tmp_path / "out")]) == 2
    assert "does not exist" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_command_writes_the_report(tmp_path, capsys):
    (tmp_path / "class").mkdir()
    (tmp_path / "class" / "alice.py").write_text(INDEPENDENT["indep_einsum"])
    (tmp_path / "class" / "bob.py").write_text(disguise(INDEPENDENT["indep_einsum"]))
    status = similarity.main([ASSIGNMENT, str(tmp_path / "class"), "--out", str(tmp_path / "out"),
                              "--threshold", "0.8", "--top", "1"])
    assert status == 0
    assert "compared 2 submissions (1 pairs)" in capsys.readouterr().out
    rows = list(csv.DictReader((tmp_path / "out" / "pairs.csv").open()))
    assert [(row["student_a"], row["student_b"]) for row in rows] == [("alice", "bob")]


@pytest.fixture
def report_url(report):
    """The report folder served from 127.0.0.1, as the book test serves the book."""
    folder = report[0]
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/index.html"
    server.shutdown()
    server.server_close()


def test_report_opens_offline_without_console_errors(browser, report_url):  # noqa: F811
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        visit = PageVisit()
        page.on("console", lambda message: message.type == "error" and visit.console_errors.append(message.text))
        page.on("pageerror", lambda error: visit.console_errors.append(str(error)))
        page.on("requestfailed", lambda request: _record_failure(visit, request))
        page.on("response", lambda response: response.status >= 400 and visit.failed_requests.append(
            f"{response.status} {response.url}"))
        page.route("**/*", lambda route: _only_loopback(route, visit))
        page.goto(report_url, wait_until="load")
        page.wait_for_load_state("networkidle")
        assert visit.outside_requests == [], f"requests outside 127.0.0.1: {visit.outside_requests}"
        assert visit.failed_requests == [], f"local requests that failed: {visit.failed_requests}"
        assert visit.console_errors == [], f"console errors: {visit.console_errors}"
        assert page.locator("section[id^=pair-] mark").count() > 0, "no highlighted match on the page"
        assert page.title() == f"Similarity report: {ASSIGNMENT}"
        # The two columns of a pair sit side by side.
        left, right = page.locator("#pair-1 .side-by-side > div").all()
        assert left.bounding_box()["x"] < right.bounding_box()["x"]
    finally:
        context.close()
