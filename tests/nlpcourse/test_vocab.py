"""Vocab and tokenize."""
import pytest

from nlpcourse import UNK, Vocab, tokenize

SENTENCES = [["the", "cat", "sat"], ["the", "dog", "sat"], ["the", "end"]]


def test_ids_follow_frequency_then_alphabet_with_unk_first():
    vocab = Vocab(SENTENCES)
    assert vocab.itos == [UNK, "the", "sat", "cat", "dog", "end"]
    assert [vocab.id(token) for token in vocab.itos] == list(range(len(vocab)))
    assert vocab.unk_id == 0 and vocab.token(1) == "the"


def test_min_count_sends_rare_words_to_unk_and_counts_them():
    vocab = Vocab(SENTENCES, min_count=2)
    assert len(vocab) == 3 and "cat" not in vocab and "sat" in vocab
    assert vocab.counts == {"the": 3, "sat": 2, UNK: 3}
    assert vocab.encode(["the", "cat", "zebra"]) == [1, 0, 0]


def test_a_flat_token_list_builds_the_same_vocab_as_sentences():
    flat = [token for sentence in SENTENCES for token in sentence]
    assert Vocab(flat).itos == Vocab(SENTENCES).itos


def test_encode_decode_round_trip_on_known_tokens():
    vocab = Vocab(SENTENCES)
    assert vocab.decode(vocab.encode(["the", "dog", "end"])) == ["the", "dog", "end"]


def test_existing_unk_tokens_share_the_unk_id():
    vocab = Vocab([["a", UNK, UNK]])
    assert vocab.itos == [UNK, "a"] and vocab.counts[UNK] == 2


def test_decode_accepts_numpy_ids():
    np = pytest.importorskip("numpy")
    assert Vocab(SENTENCES).decode(np.array([1, 2])) == ["the", "sat"]


@pytest.mark.parametrize("bad", [0, -1, 1.5, True])
def test_min_count_must_be_a_positive_int(bad):
    with pytest.raises(ValueError, match="min_count"):
        Vocab(SENTENCES, min_count=bad)


def test_a_raw_string_is_rejected_with_the_fix():
    with pytest.raises(TypeError, match="tokenize"):
        Vocab("the cat sat")
    with pytest.raises(TypeError, match="tokenize"):
        Vocab(SENTENCES).encode("the cat")


def test_vocab_of_the_wiki_corpus_covers_its_tokens(wiki):
    vocab = Vocab(wiki["train"], min_count=5)
    total = sum(map(len, wiki["train"]))
    assert sum(vocab.counts.values()) == total
    assert vocab.itos[1] == "the" and all(vocab.counts[t] >= 5 for t in vocab.itos[1:])


@pytest.mark.parametrize(("text", "tokens"), [
    ("The cat SAT.", ["the", "cat", "sat"]),
    ("Don't stop: it's 2-for-1!", ["don't", "stop", "it's", "2", "for", "1"]),
    ("Café naïve—über", ["café", "naïve", "über"]),
    ("snake_case  tabs\tand\nnewlines", ["snake", "case", "tabs", "and", "newlines"]),
    ("", []),
])
def test_tokenize_lowercases_words_and_drops_punctuation(text, tokens):
    assert tokenize(text) == tokens


def test_tokenize_rejects_bytes():
    with pytest.raises(TypeError, match="decode"):
        tokenize(b"bytes")
