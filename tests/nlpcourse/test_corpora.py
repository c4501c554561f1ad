"""load_corpus: the built-in corpora, their splits and the on-disk cache."""
import time
from collections import Counter

import pytest
from gensim.corpora import WikiCorpus

import nlpcourse
from nlpcourse import corpora
from nlpcourse.paths import gensim_test_file
from nlpcourse.wiki import WIKI_SAMPLE

SPLITS = ("train", "valid", "test")


def all_tokens(splits):
    return Counter(token for sentences in splits.values() for sentence in sentences for token in sentence)


def test_wiki_holds_exactly_the_tokens_gensim_wikicorpus_extracts(wiki):
    reference = WikiCorpus(str(gensim_test_file(WIKI_SAMPLE)), dictionary={}, processes=1)
    expected = Counter(token for article in reference.get_texts() for token in article)
    assert all_tokens(wiki) == expected


def test_wiki_splits_are_roughly_80_10_10_and_all_nonempty(wiki):
    sizes = {split: sum(map(len, sentences)) for split, sentences in wiki.items()}
    total = sum(sizes.values())
    assert 0.7 < sizes["train"] / total < 0.9, sizes
    assert all(0.03 < sizes[split] / total < 0.2 for split in ("valid", "test")), sizes


@pytest.mark.parametrize("name", ["wiki", "lee"])
def test_sentences_are_bounded_lists_of_lowercase_tokens(name, wiki):
    for split in SPLITS:
        sentences = nlpcourse.load_corpus(name, split)
        assert sentences, f"{name}/{split} is empty"
        assert max(map(len, sentences)) <= nlpcourse.MAX_SENTENCE_TOKENS
        assert min(map(len, sentences)) >= 1
        tokens = {token for sentence in sentences for token in sentence}
        assert all(isinstance(token, str) and token == token.lower() and token.strip() == token for token in tokens)


def test_lee_splits_by_story_240_30_30(session_data_dir):
    from nlpcourse.lee import LEE_FILE
    with open(gensim_test_file(LEE_FILE), encoding="utf-8") as file:
        stories = [nlpcourse.tokenize(line) for line in file if line.strip()]
    story_starts = {tuple(story[:8]) for story in stories}
    loaded = {split: nlpcourse.load_corpus("lee", split) for split in SPLITS}
    # a story's first sentence begins with its first 8 tokens (every story opens with a long sentence)
    counts = {split: sum(tuple(sentence[:8]) in story_starts for sentence in loaded[split]) for split in SPLITS}
    assert counts == {"train": 240, "valid": 30, "test": 30}
    assert all_tokens(loaded) == Counter(token for story in stories for token in story)


def test_second_load_reads_the_cache_fast_without_parsing(wiki, monkeypatch):
    monkeypatch.setitem(corpora.BUILDERS, "wiki", lambda: pytest.fail("the cached corpus was parsed again"))
    start = time.perf_counter()
    train = nlpcourse.load_corpus("wiki", "train")
    elapsed = time.perf_counter() - start
    assert train == wiki["train"]
    assert elapsed < 1.0, f"cached load took {elapsed:.2f} s"


def test_loading_twice_gives_equal_but_independent_lists(wiki):
    again = nlpcourse.load_corpus("wiki", "valid")
    assert again == wiki["valid"]
    again[0].append("mutated")
    assert nlpcourse.load_corpus("wiki", "valid") == wiki["valid"]


@pytest.mark.parametrize(("name", "split", "message"), [
    ("wikipedia", "train", r"unknown corpus 'wikipedia'; choose one of \["),
    ("wiki", "dev", r"unknown split 'dev' of corpus 'wiki'; choose one of \['train', 'valid', 'test'\]"),
    (["wiki"], "train", r"unknown corpus \['wiki'\]"),
])
def test_unknown_names_are_rejected_with_the_choices(name, split, message):
    with pytest.raises(nlpcourse.UnknownNameError, match=message):
        nlpcourse.load_corpus(name, split)


def test_corrupt_cache_is_rebuilt_with_a_warning(private_data_dir):
    expected = nlpcourse.load_corpus("lee", "valid")
    cache = private_data_dir / "corpora" / f"v{corpora.CACHE_VERSION}" / "lee" / "valid.txt"
    cache.write_bytes(cache.read_bytes()[: cache.stat().st_size // 2])  # a truncated file
    with pytest.warns(UserWarning, match="rebuilding the corrupt cache"):
        assert nlpcourse.load_corpus("lee", "valid") == expected
    assert nlpcourse.load_corpus("lee", "valid") == expected  # and the rebuilt file is whole


@pytest.mark.parametrize("garbage", [b"", b"\xff\xfe not utf-8", b"hello world\n"])
def test_any_non_cache_content_counts_as_corrupt(private_data_dir, garbage):
    cache = private_data_dir / "corpora" / f"v{corpora.CACHE_VERSION}" / "lee" / "test.txt"
    cache.parent.mkdir(parents=True)
    cache.write_bytes(garbage)
    with pytest.warns(UserWarning, match="corrupt"):
        assert len(nlpcourse.load_corpus("lee", "test")) > 100


def test_unreadable_cache_raises_an_error_naming_the_fix(private_data_dir):
    cache = private_data_dir / "corpora" / f"v{corpora.CACHE_VERSION}" / "lee" / "train.txt"
    cache.mkdir(parents=True)  # a directory where the file should be: reading fails with OSError
    with pytest.raises(nlpcourse.CacheError, match="Delete that file, or set NLPCOURSE_DATA"):
        nlpcourse.load_corpus("lee", "train")


def test_unwritable_cache_dir_raises_an_error_naming_the_fix(tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("a file where the data dir should be")
    monkeypatch.setenv("NLPCOURSE_DATA", str(blocker))
    with pytest.raises(nlpcourse.CacheError, match="Set NLPCOURSE_DATA to a writable directory"):
        nlpcourse.load_corpus("lee", "train")


def test_a_failed_parse_leaves_no_cache_file(private_data_dir, monkeypatch):
    def half_then_crash():
        raise RuntimeError("parser crashed")
    monkeypatch.setitem(corpora.BUILDERS, "lee", half_then_crash)
    with pytest.raises(RuntimeError):
        nlpcourse.load_corpus("lee", "train")
    assert [path for path in private_data_dir.rglob("*") if path.is_file()] == []


def test_missing_gensim_test_data_names_the_reinstall_command():
    with pytest.raises(nlpcourse.MissingDataError, match="pip install --force-reinstall --no-deps gensim"):
        gensim_test_file("no-such-file.cor")


def test_data_dir_follows_the_environment_variable(tmp_path, monkeypatch):
    monkeypatch.setenv("NLPCOURSE_DATA", str(tmp_path))
    assert nlpcourse.data_dir() == tmp_path
    monkeypatch.delenv("NLPCOURSE_DATA")
    assert nlpcourse.data_dir().name == "nlpcourse"
