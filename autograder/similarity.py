"""Similarity report: which submissions of an assignment share code beyond the starter notebook.

    python -m autograder similarity ASSIGNMENT SUBMISSIONS/ --out REPORT/
        [--threshold 0.5] [--top 20] [--min-match 25]

(`python -m autograder.similarity ...` runs the same command on its own.)

ASSIGNMENT is a declared assignment (autograder.layout). SUBMISSIONS/ holds one entry per
student, as for `batch`: a file (`alice.ipynb`, `bob.py`) or a folder (`carol/`), named by its
stem. Each submission's code is what grading uses (`submission.find_submission` and
`extract_code`: from a notebook only the graded cells' imports, definitions and constants), so
exploration cells, outputs and comments never count. The starter code of the student release
(`assignments/<a>/<a>.ipynb`, extracted the same way: imports, signatures, docstrings) is
boilerplate: a match inside it never counts.

Writes
  REPORT/index.html  one self-contained page (no scripts, no outside requests): every pair at or
                     above the threshold, the top pairs side by side with the matched code
                     highlighted, the spread of all scores, and the submissions that could not be
                     read (with why) or hold nothing beyond the starter code.
  REPORT/pairs.csv   every pair at or above the threshold, most similar first: student_a,
                     student_b, similarity (the larger of the two), similarity_a (share of a's own
                     code found in b), similarity_b, matched_tokens.
and prints one summary line. Exit status 0 when the report is written (an unreadable submission
is listed in the report, not fatal); 2 for bad input: unknown assignment, missing SUBMISSIONS/
folder, fewer than 2 submissions in it, missing starter notebook (run `python -m autograder
release`).

Options: --threshold T (0-1, default 0.5): a pair is listed when the share of either student's own
code found in the other's reaches T. --top N (default 20): pairs shown side by side. --min-match K
(default 25): the shortest match that counts, in characters of the normalised token stream below
(about 15 tokens); lower finds shorter shared snippets and more coincidences.

Detector: copydetect (PyPI, pinned in requirements.txt), chosen because it is a maintained,
MIT-licensed implementation of winnowing (Schleimer, Wilkerson and Aiken 2003, the algorithm of
MOSS) that runs entirely offline in this process: student code is never sent to a service (MOSS
itself is a remote server), and its dependencies (numpy, pygments, matplotlib, jinja2, tqdm) are
already in the course environment. It tokenizes with pygments and replaces every identifier by
one letter, strings by another, and drops comments and whitespace, so renamed variables,
reformatting and new comments do not hide a copy; fingerprints are k-grams of that stream (every
k-gram here: window 1, so no match of at least K characters is missed), which are order-free, so
reordered functions do not either. Only its fingerprinting and comparison are used: its own HTML
report loads Bootstrap from a CDN, so this module writes its own page. copydetect (and the
matplotlib it imports) are imported only when a report is made, so the rest of the engine (e.g. a
Gradescope bundle, which does not install it) never needs it.
"""
import argparse
import csv
import html
import io
import sys
from dataclasses import dataclass
from pathlib import Path

from autograder import layout
from autograder.submission import SubmissionError, extract_code, find_submission

DEFAULT_THRESHOLD = 0.5
DEFAULT_TOP = 20
DEFAULT_MIN_MATCH = 25
HISTOGRAM_BINS = 10


class SimilarityError(ValueError):
    """Bad input for the similarity report; the message says what to fix."""


@dataclass
class Pair:
    """Two students' submissions compared: the share of each one's own code (beyond the starter)
    found in the other's, and where (character slices of each raw code, 2 x N arrays)."""

    student_a: str
    student_b: str
    similarity_a: float
    similarity_b: float
    matched_tokens: int
    slices_a: object = None
    slices_b: object = None

    @property
    def similarity(self) -> float:
        return max(self.similarity_a, self.similarity_b)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The command's arguments (for `python -m autograder similarity`)."""
    parser.add_argument("assignment", help="a declared assignment")
    parser.add_argument("submissions", type=Path, help="folder: one file or folder per student")
    parser.add_argument("--out", type=Path, required=True,
                        help="folder for the report (index.html, pairs.csv)")
    parser.add_argument("--threshold", type=_fraction, default=DEFAULT_THRESHOLD,
                        help="list pairs where either student's share of shared code reaches this "
                             f"(0-1, default {DEFAULT_THRESHOLD})")
    parser.add_argument("--top", type=_count, default=DEFAULT_TOP,
                        help=f"pairs shown side by side in the report (default {DEFAULT_TOP})")
    parser.add_argument("--min-match", type=int, default=DEFAULT_MIN_MATCH,
                        help="shortest match that counts, in characters of the normalised token "
                             f"stream (default {DEFAULT_MIN_MATCH})")


def run(args) -> int:
    """Make the report; 0 when written, 2 for bad input (the error on stderr)."""
    try:
        summary = similarity_report(args.assignment, args.submissions, args.out,
                                    threshold=args.threshold, top=args.top, min_match=args.min_match)
    except SimilarityError as error:
        print(f"similarity: error: {error}", file=sys.stderr)
        return 2
    print(summary)
    return 0


def similarity_report(assignment: str, submissions_dir, out_dir, *, threshold=DEFAULT_THRESHOLD,
                      top=DEFAULT_TOP, min_match=DEFAULT_MIN_MATCH) -> str:
    """Compare every pair of submissions, write `out_dir`/index.html and pairs.csv; return a
    one-line summary. SimilarityError for bad input."""
    if min_match < 2:
        raise SimilarityError(f"--min-match must be at least 2, not {min_match}")
    starter = starter_code(assignment)
    codes, unreadable = read_class(assignment, submissions_dir)
    pairs, empty = compare_all(codes, starter, min_match=min_match)
    listed = [pair for pair in pairs if pair.similarity >= threshold]
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    write_csv(listed, out_dir / "pairs.csv")
    (out_dir / "index.html").write_text(render_html(
        assignment, codes, pairs, listed, unreadable, empty, threshold=threshold, top=top,
        min_match=min_match), encoding="utf-8")
    return (f"compared {len(codes)} submissions ({len(pairs)} pairs), {len(unreadable)} unreadable; "
            f"{len(listed)} pairs at or above {threshold:g} in {out_dir / 'pairs.csv'}; "
            f"report {out_dir / 'index.html'}")


def starter_code(assignment: str) -> str:
    """The graded code of the student release: what every submission starts from."""
    try:
        notebook = layout.course().released(assignment)
    except layout.DeclarationError as error:
        raise SimilarityError(str(error)) from None
    if not notebook.is_file():
        raise SimilarityError(f"the student release {notebook} is missing; "
                              "run `python -m autograder release`")
    try:
        return extract_code(notebook)
    except SubmissionError as error:
        raise SimilarityError(f"the student release {notebook} cannot be read: {error}") from None


def read_class(assignment: str, submissions_dir) -> tuple[dict[str, str], dict[str, str]]:
    """student -> graded code, and student -> why their submission cannot be read."""
    from autograder.batch import discover

    submissions_dir = Path(submissions_dir)
    if not submissions_dir.is_dir():
        raise SimilarityError(f"the submissions folder {submissions_dir} does not exist"
                              if not submissions_dir.exists() else
                              f"{submissions_dir} is not a folder (one file or folder per student)")
    try:
        submissions = discover(submissions_dir, assignment)
    except OSError as error:
        raise SimilarityError(f"cannot list {submissions_dir}: {error.strerror or error}") from None
    if len(submissions) < 2:
        raise SimilarityError(f"{submissions_dir} holds {len(submissions)} submission(s); "
                              "comparing needs at least 2 (one file or folder per student)")
    codes, unreadable = {}, {}
    for student, path in submissions.items():
        try:
            codes[student] = extract_code(find_submission(path, assignment))
        except SubmissionError as error:
            unreadable[student] = str(error)
        except OSError as error:
            unreadable[student] = f"cannot be read: {error.strerror or error}"
    return codes, unreadable


def compare_all(codes: dict[str, str], starter: str, *, min_match: int = DEFAULT_MIN_MATCH):
    """Every pair of `codes`, most similar first, and the students with no code beyond `starter`."""
    from copydetect import CodeFingerprint, compare_files
    from copydetect.utils import get_token_coverage
    from tqdm import tqdm

    def fingerprint(name: str, code: str):
        # Every k-gram (window 1): the code is small, so nothing needs to be sampled away.
        return CodeFingerprint(f"{name}.py", min_match, 1, language="python", fp=io.StringIO(code))

    boilerplate = fingerprint("starter", starter).hashes
    prints = {}
    for student, code in tqdm(codes.items(), desc="fingerprinting", unit="submission",
                              disable=len(codes) < 20):
        found = fingerprint(student, code)
        # Starter k-grams are dropped here rather than through copydetect's `boilerplate`
        # argument, whose set intersection assumes a submission never repeats a k-gram.
        found.hashes = found.hashes - boilerplate
        found.hash_idx = {h: where for h, where in found.hash_idx.items() if h in found.hashes}
        found.token_coverage = get_token_coverage(found.hash_idx, min_match, len(found.filtered_code))
        prints[student] = found
    empty = sorted(student for student, found in prints.items() if not found.hashes)

    students = sorted(prints)
    pairs = []
    total = len(students) * (len(students) - 1) // 2
    with tqdm(total=total, desc="comparing", unit="pair", disable=total < 1000) as progress:
        for i, student_a in enumerate(students):
            for student_b in students[i + 1:]:
                overlap, (share_a, share_b), (slices_a, slices_b) = compare_files(
                    prints[student_a], prints[student_b])
                pairs.append(Pair(student_a, student_b, float(share_a), float(share_b),
                                  int(overlap), slices_a, slices_b))
            progress.update(len(students) - i - 1)
    pairs.sort(key=lambda pair: (-pair.similarity, -pair.matched_tokens, pair.student_a, pair.student_b))
    return pairs, empty


def write_csv(pairs: list[Pair], path: Path) -> None:
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["student_a", "student_b", "similarity", "similarity_a", "similarity_b",
                         "matched_tokens"])
        for pair in pairs:
            writer.writerow([pair.student_a, pair.student_b, f"{pair.similarity:.4f}",
                             f"{pair.similarity_a:.4f}", f"{pair.similarity_b:.4f}", pair.matched_tokens])


STYLE = """
body { font-family: system-ui, sans-serif; margin: 1.5rem; color: #222; }
table { border-collapse: collapse; margin: 0.5rem 0 1.5rem; }
th, td { border: 1px solid #ccc; padding: 0.2rem 0.6rem; text-align: left; }
td.number { text-align: right; font-variant-numeric: tabular-nums; }
.side-by-side { display: grid; grid-template-columns: 1fr 1fr; gap: 1rem; }
.side-by-side > div { min-width: 0; }
pre { background: #f7f7f7; border: 1px solid #ddd; padding: 0.5rem; overflow-x: auto;
      font-size: 0.8rem; line-height: 1.3; }
mark { background: #ffd27a; }
.bar { display: inline-block; height: 0.8rem; background: #6a8fd0; }
.note { color: #555; }
"""


def render_html(assignment, codes, pairs, listed, unreadable, empty, *, threshold, top, min_match) -> str:
    """The report page: plain HTML and inline CSS, nothing loaded from anywhere."""
    from copydetect import __version__ as detector_version

    e = html.escape
    parts = [
        "<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
        '<link rel="icon" href="data:,">',  # no favicon request
        f"<title>Similarity report: {e(assignment)}</title>", f"<style>{STYLE}</style>", "</head>",
        "<body>", f"<h1>Similarity report: {e(assignment)}</h1>",
        f"<p>{len(codes)} submissions compared ({len(pairs)} pairs); {len(unreadable)} could not be "
        f"read. <strong>{len(listed)}</strong> pairs reach the threshold {threshold:g}: the share of "
        "either student's own code (beyond the starter notebook) that is also in the other's. "
        f"Matches shorter than {min_match} characters of the normalised token stream (identifiers "
        "and strings reduced to one letter, no comments or spaces) do not count. A high score is a "
        "reason to read both submissions, not a verdict.</p>",
        f'<p class="note">Detector: copydetect {e(detector_version)} (winnowing). Code compared: '
        "the graded cells as grading extracts them; the starter code of the student release is "
        "ignored.</p>",
    ]
    parts += _unreadable_section(unreadable, empty)
    parts += _histogram(pairs)
    parts += ["<h2>Pairs at or above the threshold</h2>"]
    if listed:
        parts += ["<table><thead><tr><th>#</th><th>student a</th><th>student b</th>"
                  "<th>similarity</th><th>a's code in b</th><th>b's code in a</th>"
                  "<th>matched tokens</th></tr></thead><tbody>"]
        for rank, pair in enumerate(listed, 1):
            label = f'<a href="#pair-{rank}">{rank}</a>' if rank <= top else str(rank)
            parts.append(f"<tr><td>{label}</td><td>{e(pair.student_a)}</td><td>{e(pair.student_b)}</td>"
                         f'<td class="number">{pair.similarity:.0%}</td>'
                         f'<td class="number">{pair.similarity_a:.0%}</td>'
                         f'<td class="number">{pair.similarity_b:.0%}</td>'
                         f'<td class="number">{pair.matched_tokens}</td></tr>')
        parts.append("</tbody></table>")
    else:
        parts.append("<p>None.</p>")
    shown = listed[:top]
    if shown:
        parts.append(f"<h2>Top {len(shown)} pairs, side by side</h2>")
        parts.append('<p class="note">Highlighted: code found in both submissions.</p>')
    for rank, pair in enumerate(shown, 1):
        parts += [f'<section id="pair-{rank}">',
                  f"<h3>{rank}. {e(pair.student_a)} and {e(pair.student_b)}: {pair.similarity:.0%}</h3>",
                  '<div class="side-by-side">',
                  _code_column(pair.student_a, codes[pair.student_a], pair.slices_a, pair.similarity_a),
                  _code_column(pair.student_b, codes[pair.student_b], pair.slices_b, pair.similarity_b),
                  "</div></section>"]
    parts += ["</body>", "</html>", ""]
    return "\n".join(parts)


def _unreadable_section(unreadable: dict[str, str], empty: list[str]) -> list[str]:
    e = html.escape
    parts = []
    if unreadable:
        parts += ["<h2>Submissions not compared</h2>", "<table><thead><tr><th>student</th>"
                  "<th>why</th></tr></thead><tbody>"]
        parts += [f"<tr><td>{e(student)}</td><td>{e(reason)}</td></tr>"
                  for student, reason in sorted(unreadable.items())]
        parts.append("</tbody></table>")
    if empty:
        parts.append(f'<p class="note">No code beyond the starter notebook (nothing to compare): '
                     f"{e(', '.join(empty))}.</p>")
    return parts


def _histogram(pairs: list[Pair]) -> list[str]:
    if not pairs:
        return []
    counts = [0] * HISTOGRAM_BINS
    for pair in pairs:
        counts[min(int(pair.similarity * HISTOGRAM_BINS), HISTOGRAM_BINS - 1)] += 1
    widest = max(counts)
    rows = []
    for number, count in enumerate(counts):
        low, high = number / HISTOGRAM_BINS, (number + 1) / HISTOGRAM_BINS
        width = 20 * count / widest if widest else 0
        rows.append(f"<tr><td>{low:.0%}&ndash;{high:.0%}</td><td class=\"number\">{count}</td>"
                    f'<td><span class="bar" style="width: {width:.1f}rem"></span></td></tr>')
    return ["<h2>All pairs by similarity</h2>",
            "<table><thead><tr><th>similarity</th><th>pairs</th><th></th></tr></thead><tbody>",
            *rows, "</tbody></table>"]


def _code_column(student: str, code: str, slices, share: float) -> str:
    from copydetect.utils import highlight_overlap

    if slices is not None and len(slices) and slices.shape[1]:
        marked, _ = highlight_overlap(code, slices, "<mark>", "</mark>", escape_html=True)
    else:
        marked = html.escape(code)
    return (f"<div><h4>{html.escape(student)} ({share:.0%} of their code in the other)</h4>"
            f"<pre><code>{marked}</code></pre></div>")


def _fraction(text: str) -> float:
    value = float(text)
    if not 0.0 <= value <= 1.0:
        raise argparse.ArgumentTypeError(f"must be between 0 and 1, not {text}")
    return value


def _count(text: str) -> int:
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be 0 or more, not {text}")
    return value


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m autograder.similarity",
                                     description=__doc__.splitlines()[0])
    add_arguments(parser)
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
