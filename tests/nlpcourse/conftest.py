"""Fixtures of the course-library tests.

The whole session writes its corpus caches into one temporary NLPCOURSE_DATA (never the user's
real cache), so the wiki sample is parsed once per test session and shared by every test.
"""
import pytest

import nlpcourse
from nlpcourse.paths import DATA_ENV_VAR


@pytest.fixture(scope="session", autouse=True)
def session_data_dir(tmp_path_factory):
    with pytest.MonkeyPatch.context() as patch:
        path = tmp_path_factory.mktemp("nlpcourse-data")
        patch.setenv(DATA_ENV_VAR, str(path))
        yield path


@pytest.fixture(scope="session")
def wiki(session_data_dir):
    """Every split of the wiki corpus, parsed once per session."""
    return {split: nlpcourse.load_corpus("wiki", split) for split in ("train", "valid", "test")}


@pytest.fixture
def private_data_dir(tmp_path, monkeypatch):
    """A data dir of this test alone, for tests that damage or watch the cache."""
    monkeypatch.setenv(DATA_ENV_VAR, str(tmp_path))
    return tmp_path
