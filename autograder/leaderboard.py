"""The class leaderboard a batch writes: every graded student's leaderboard numbers (what the suite
marked with `measured(..., leaderboard=True)`, e.g. a4's test perplexity and training CPU seconds),
ranked by the first of them. Only numbers the grader measured itself; students appear under a
pseudonym so the page can be shared with the class, and leaderboard.csv maps nothing back: the
instructor's grades.csv has the names.

A pseudonym is a keyed hash (HMAC-SHA256) of the student's name with a secret kept beside the
gradebook (`leaderboard.secret`, made on first use, readable by its owner only, never on the page):
stable from one batch to the next, but the roster alone maps no pseudonym back to a name, as it
would with a plain hash. Each student learns their own entry from their feedback page.
"""
import csv
import hashlib
import hmac
import html
import os
import secrets
from pathlib import Path

from autograder.results import Results

SECRET_FILE = "leaderboard.secret"
SECRET_BYTES = 32
PSEUDONYM_HEX_DIGITS = 12  # 48 bits: no two students of a class of thousands share one


def course_secret(folder) -> bytes:
    """The secret kept in `folder` (the gradebook's), created there on first use, mode 0600."""
    path = Path(folder) / SECRET_FILE
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # made by an earlier batch (or a concurrent one): keep using it
        secret = path.read_bytes()
        if len(secret) < SECRET_BYTES:
            raise ValueError(f"{path} holds {len(secret)} bytes, not a secret of {SECRET_BYTES}: "
                             "restore it from a backup (pseudonyms change without it)") from None
        return secret
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(secrets.token_bytes(SECRET_BYTES))
    return path.read_bytes()


def pseudonym(student: str, secret: bytes) -> str:
    return hmac.new(secret, student.encode(), hashlib.sha256).hexdigest()[:PSEUDONYM_HEX_DIGITS]


def feedback_with_entry(results: Results, student: str, secret: bytes) -> str:
    """The student's feedback page, saying which leaderboard entry is theirs when they have one."""
    page = results.feedback_markdown(student)
    if results.broken or not any(m.leaderboard for m in results.measurements):
        return page
    return page + (f"\nYour entry on the class leaderboard: `{pseudonym(student, secret)}` "
                   "(only you and the course staff can tell it is yours).\n")


def write_leaderboard(assignment: str, graded: dict[str, Results], out_dir, secret: bytes) -> Path | None:
    """Write OUT/leaderboard.html and .csv; None (nothing written) when the suite ranks nothing."""
    entries = {student: [m for m in results.measurements if m.leaderboard]
               for student, results in graded.items() if not results.broken}
    entries = {student: board for student, board in entries.items() if board}
    if not entries:
        return None
    columns = list(dict.fromkeys(m.name for board in entries.values() for m in board))
    first = next(m for board in entries.values() for m in board if m.name == columns[0])
    sign = 1 if first.better == "lower" else -1
    rows = sorted(({"entry": pseudonym(student, secret), **{m.name: m.value for m in board}}
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
submission. Entries are pseudonyms: your feedback page says which one is yours.</p>
<table><thead><tr>{head}</tr></thead><tbody>
{body}</tbody></table></body></html>
"""
