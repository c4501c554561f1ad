"""The class leaderboard is private: its pseudonyms are a keyed hash with a per-course secret kept
beside the gradebook, so someone holding the roster (and the page) cannot tell who is who, while
the same course keeps the same pseudonyms from one batch to the next."""
import csv
import hashlib
import stat

import pytest

from autograder.leaderboard import SECRET_FILE, course_secret, feedback_with_entry, pseudonym, write_leaderboard
from autograder.results import Measurement, Results
from autograder.results import TestResult as GradedTest  # not "Test...": pytest would collect it

ROSTER = ["alice", "Bob Smith", "carol.jones@example.edu", "dave", "s1234567", "Émile Zola"]


def measured_results(perplexity: float) -> Results:
    return Results("a4_rnn", [GradedTest("trains", 10.0, 10.0, "passed")],
                   measurements=[Measurement("test perplexity", perplexity, bar=300.0, leaderboard=True)])


def published_entries(course_folder) -> list[str]:
    """The entries of the leaderboard a batch in `course_folder` publishes for ROSTER."""
    graded = {student: measured_results(100.0 + rank) for rank, student in enumerate(ROSTER)}
    assert write_leaderboard("a4_rnn", graded, course_folder, course_secret(course_folder))
    with (course_folder / "leaderboard.csv").open() as handle:
        return [row["entry"] for row in csv.DictReader(handle)]


def guesses(name: str) -> set[str]:
    """What someone with the roster computes from a name: unkeyed digests of its usual spellings."""
    spellings = {name, name.lower(), name.upper(), name.strip(), name.split("@")[0], name.replace(" ", "")}
    return {getattr(hashlib, algorithm)(spelling.encode()).hexdigest()
            for algorithm in ("md5", "sha1", "sha224", "sha256", "sha384", "sha512", "sha3_256", "blake2b")
            for spelling in spellings}


def test_the_roster_alone_maps_no_pseudonym_back(tmp_path):
    entries = published_entries(tmp_path)
    assert len(set(entries)) == len(ROSTER)
    digests = set().union(*(guesses(name) for name in ROSTER))
    matched = [entry for entry in entries if any(digest.startswith(entry) or entry in digest for digest in digests)]
    assert not matched, f"pseudonyms recomputable from the roster: {matched}"
    page = (tmp_path / "leaderboard.html").read_text() + (tmp_path / "leaderboard.csv").read_text()
    assert not any(name in page for name in ROSTER)
    assert course_secret(tmp_path).hex() not in page


def test_the_secret_is_made_once_beside_the_gradebook_for_its_owner_only(tmp_path):
    secret = course_secret(tmp_path)
    path = tmp_path / SECRET_FILE
    assert len(secret) == 32 and path.read_bytes() == secret
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert course_secret(tmp_path) == secret, "a second call must read the secret, not replace it"
    path.write_bytes(b"short")
    with pytest.raises(ValueError, match="backup"):
        course_secret(tmp_path)


def test_one_course_keeps_its_pseudonyms_another_course_gets_others(tmp_path):
    course, other = tmp_path / "course", tmp_path / "other"
    course.mkdir(), other.mkdir()
    first = published_entries(course)
    assert published_entries(course) == first, "the same course must keep its pseudonyms across runs"
    assert not set(published_entries(other)) & set(first), "another secret must give other pseudonyms"


def test_a_student_learns_their_own_entry_from_their_feedback(tmp_path):
    secret = course_secret(tmp_path)
    entries = published_entries(tmp_path)
    for student in ROSTER:
        page = feedback_with_entry(measured_results(120.0), student, secret)
        assert [entry for entry in entries if entry in page] == [pseudonym(student, secret)], student
    broken = Results("a4_rnn", grader_errors=["boom"], measurements=measured_results(1.0).measurements)
    assert "leaderboard" not in feedback_with_entry(broken, "alice", secret)
