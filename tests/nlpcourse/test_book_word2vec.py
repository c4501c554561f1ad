"""nlpcourse.book_word2vec: the ch2 pages' shared gensim model, trained once per settings (here on a tiny
corpus standing in for the wiki split, so that the test runs in a second)."""
import numpy as np

from nlpcourse import book_word2vec as module

TINY_CORPUS = [["the", "music", "of", "the", "river", "flows", "near", "the", "old", "town"]] * 60


def _tiny(monkeypatch):
    monkeypatch.setattr(module, "load_corpus", lambda name, split: [list(s) for s in TINY_CORPUS])


def test_returns_both_vector_sets_and_counts(private_data_dir, monkeypatch):
    _tiny(monkeypatch)
    result = module.book_word2vec()
    words = result["words"]
    assert set(words) == set(TINY_CORPUS[0])
    assert result["input_vectors"].shape == result["output_vectors"].shape == (len(words), 50)
    assert not np.allclose(result["input_vectors"], result["output_vectors"])
    assert result["counts"][words.index("the")] == 3 * len(TINY_CORPUS)
    assert len(result["epoch_losses"]) == module.BOOK_SETTINGS["epochs"]


def test_trains_once_per_settings(private_data_dir, monkeypatch):
    _tiny(monkeypatch)
    first = module.book_word2vec()
    monkeypatch.setattr(module, "_train", lambda *args: (_ for _ in ()).throw(AssertionError("trained again")))
    again = module.book_word2vec()  # read from the store: _train is not called
    np.testing.assert_array_equal(first["input_vectors"], again["input_vectors"])


def test_merge_rewrites_both_words_as_one(private_data_dir, monkeypatch):
    _tiny(monkeypatch)
    result = module.book_word2vec(merge=("music", "river", "music_river"))
    words = result["words"]
    assert "music_river" in words and "music" not in words and "river" not in words
    assert result["counts"][words.index("music_river")] == 2 * len(TINY_CORPUS)


def test_keyed_vectors_answers_gensim_queries(private_data_dir, monkeypatch):
    _tiny(monkeypatch)
    result = module.book_word2vec()
    keyed = module.keyed_vectors(result)
    np.testing.assert_array_equal(keyed["music"], result["input_vectors"][result["words"].index("music")])
    np.testing.assert_array_equal(module.keyed_vectors(result, "output_vectors")["music"],
                                  result["output_vectors"][result["words"].index("music")])
