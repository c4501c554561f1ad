"""load_corpus for ptb / wikitext-2 / text8, downloading fixture copies from a loopback server."""
import hashlib
import io
import zipfile
from pathlib import Path

import pytest
from loopback_http import LoopbackServer

import nlpcourse
from nlpcourse import standard_datasets
from nlpcourse.download import RemoteFile

FIXTURES = Path(__file__).parent / "fixtures"
SPLITS = ("train", "valid", "test")


def zipped(members: dict[str, Path]) -> bytes:
    """A zip archive of fixture files, built in memory (only its bytes are served)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, source in members.items():
            archive.writestr(name, source.read_bytes())
    return buffer.getvalue()


@pytest.fixture
def served(private_data_dir, monkeypatch):
    """Every standard dataset served from 127.0.0.1, with the true sha256 of the fixture copies."""
    files = {f"/ptb.{split}.txt": (FIXTURES / f"ptb.{split}.txt").read_bytes() for split in SPLITS}
    files["/wikitext-2-v1.zip"] = zipped({f"wikitext-2/wiki.{split}.tokens": FIXTURES / f"wiki.{split}.tokens" for split in SPLITS})
    files["/text8.zip"] = zipped({"text8": FIXTURES / "text8"})
    with LoopbackServer() as server:
        server.routes.update(files)

        def served_file(path):
            return RemoteFile(server.url(path), path.lstrip("/"), hashlib.sha256(files[path]).hexdigest(), len(files[path]))
        monkeypatch.setattr(standard_datasets, "PTB_FILES", {split: served_file(f"/ptb.{split}.txt") for split in SPLITS})
        monkeypatch.setattr(standard_datasets, "WIKITEXT2_ARCHIVE", served_file("/wikitext-2-v1.zip"))
        monkeypatch.setattr(standard_datasets, "TEXT8_ARCHIVE", served_file("/text8.zip"))
        yield server


def test_ptb_keeps_its_official_splits_one_sentence_a_line(served):
    valid = nlpcourse.load_corpus("ptb", "valid")
    assert valid[1] == ["<unk>", "<unk>", "watching", "abc", "'s", "monday", "night", "football", "can", "now", "vote"]
    assert nlpcourse.load_corpus("ptb", "test") == [["no", "it", "was", "n't", "black", "monday"]]
    train = nlpcourse.load_corpus("ptb", "train")
    assert train[1][:3] == ["pierre", "<unk>", "n"] and len(train) == 4


def test_wikitext2_is_lowercased_and_cut_after_sentence_ends(served):
    train = nlpcourse.load_corpus("wikitext-2", "train")
    assert train[0] == ["=", "valkyria", "chronicles", "iii", "="] + train[0][5:]
    ends = [sentence[-1] for sentence in train]
    assert ends[:3] == [".", "!", "?"] and train[-1] == ["yes"]
    assert "<unk>" in train[0] and all(token == token.lower() for sentence in train for token in sentence)
    assert nlpcourse.load_corpus("wikitext-2", "test")[0][:4] == ["=", "robert", "boulter", "="]


def test_text8_is_split_90_5_5_in_bounded_chunks(served):
    words = (FIXTURES / "text8").read_text().split()
    splits = {split: nlpcourse.load_corpus("text8", split) for split in SPLITS}
    assert {split: sum(map(len, sentences)) for split, sentences in splits.items()} == {"train": 1080, "valid": 60, "test": 60}
    assert [token for split in SPLITS for sentence in splits[split] for token in sentence] == words
    assert max(len(sentence) for sentences in splits.values() for sentence in sentences) == nlpcourse.MAX_SENTENCE_TOKENS


def test_each_file_is_downloaded_once_and_the_cache_then_works_offline(served, private_data_dir):
    nlpcourse.load_corpus("ptb", "train")
    nlpcourse.load_corpus("ptb", "valid")
    assert sorted(served.requests) == ["/ptb.test.txt", "/ptb.train.txt", "/ptb.valid.txt"]
    served.routes.clear()  # from now on every request would fail
    (private_data_dir / "downloads" / "ptb.test.txt").unlink()
    assert nlpcourse.load_corpus("ptb", "test") == [["no", "it", "was", "n't", "black", "monday"]]


def test_a_failed_download_leaves_no_corpus_cache(served, private_data_dir):
    served.cut_off.add("/wikitext-2-v1.zip")
    with pytest.raises(nlpcourse.DownloadError, match="interrupted"):
        nlpcourse.load_corpus("wikitext-2", "train")
    assert [path for path in private_data_dir.rglob("*") if path.is_file()] == []


def test_shipped_sources_are_pinned_well_formed_digests():
    shipped = [*standard_datasets.PTB_FILES.values(), standard_datasets.WIKITEXT2_ARCHIVE, standard_datasets.TEXT8_ARCHIVE]
    for remote in shipped:
        assert remote.url.startswith(("https://", "http://")) and remote.url.endswith(remote.filename)
        assert remote.size and remote.size > 100_000, remote
        if remote is not standard_datasets.TEXT8_ARCHIVE:  # the one documented unpinned digest
            assert len(remote.sha256) == 64 and set(remote.sha256) <= set("0123456789abcdef"), remote
