"""The class leaderboard a batch writes: every graded student's leaderboard numbers (what the suite
marked with `measured(..., leaderboard=True)`, e.g. a4's test perplexity and training CPU seconds),
ranked by the first of them. Only numbers the grader measured itself; students appear under a
pseudonym (the first 8 hex digits of sha256 of their name) so the page can be shared with the
class, and leaderboard.csv maps nothing back: the instructor's grades.csv has the names.
"""
import csv
import hashlib
import html
from pathlib import Path

from autograder.results import Results


def pseudonym(student: str) -> str:
    return hashlib.sha256(student.encode()).hexdigest()[:8]


def write_leaderboard(assignment: str, graded: dict[str, Results], out_dir) -> Path | None:
    """Write OUT/leaderboard.html and .csv; None (nothing written) when the suite ranks nothing."""
    entries = {student: [m for m in results.measurements if m.leaderboard]
               for student, results in graded.items() if not results.broken}
    entries = {student: board for student, board in entries.items() if board}
    if not entries:
        return None
    columns = list(dict.fromkeys(m.name for board in entries.values() for m in board))
    first = next(m for board in entries.values() for m in board if m.name == columns[0])
    sign = 1 if first.better == "lower" else -1
    rows = sorted(({"entry": pseudonym(student), **{m.name: m.value for m in board}}
                   for student, board in entries.items()),
                  key=lambda row: (columns[0] not in row, sign * row.get(columns[0], 0.0)))
    out_dir = Path(out_dir)
    with (out_dir / "leaderboard.csv").open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=["rank", "entry", *columns])
        writer.writeheader()
        for rank, row in enumerate(rows, 1):
            writer.writerow({"rank": rank, **row})
    page = out_dir / "leaderboard.html"
    page.write_text(_html(assignment, columns, rows, first))
    return page


def _html(assignment: str, columns: list[str], rows: list[dict], first) -> str:
    head = "".join(f"<th>{html.escape(name)}</th>" for name in ["rank", "entry", *columns])
    body = "".join(
        "<tr>" + f"<td>{rank}</td><td><code>{row['entry']}</code></td>"
        + "".join(f"<td>{row[name]:.4g}</td>" if name in row else "<td>-</td>" for name in columns)
        + "</tr>\n" for rank, row in enumerate(rows, 1))
    order = "lowest" if first.better == "lower" else "highest"
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{html.escape(assignment)} leaderboard</title>
<style>body{{font-family:sans-serif;margin:2em}}table{{border-collapse:collapse}}
td,th{{border:1px solid #999;padding:.3em .8em;text-align:right}}</style></head>
<body><h1>{html.escape(assignment)} leaderboard</h1>
<p>Ranked by {html.escape(columns[0])}, {order} first: numbers the grader measured on each graded
submission. Entries are pseudonyms (the first 8 hex digits of sha256 of the student's name).</p>
<table><thead><tr>{head}</tr></thead><tbody>
{body}</tbody></table></body></html>
"""
