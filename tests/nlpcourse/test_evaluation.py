"""evaluate_similarity / evaluate_analogies, checked against gensim's own KeyedVectors evaluation."""
import math

import numpy as np
import pytest
from gensim.models import KeyedVectors

from nlpcourse import evaluate_analogies, evaluate_similarity, load_analogies, load_word_pairs


@pytest.fixture(scope="module")
def structured_vectors():
    """Vectors over the words of two analogy sections, where a country is its capital plus a
    shared offset plus noise: 3CosAdd solves many questions but not all."""
    rng = np.random.default_rng(0)
    questions = load_analogies("capital-common-countries") + load_analogies("family")
    words = sorted({word for question in questions for word in question} | {"spare", "words"})
    vectors = {word: rng.normal(size=20) for word in words}
    offsets = {section: rng.normal(size=20) for section in ("capital", "family")}
    for section, sample in (("capital", questions[:506]), ("family", questions[506:])):
        for a, b, _, _ in sample:
            vectors[b] = vectors[a] + offsets[section] + 0.9 * rng.normal(size=20)
    return words, np.array([vectors[word] for word in words])


def gensim_keyed_vectors(words, vectors):
    keyed = KeyedVectors(vector_size=vectors.shape[1])
    keyed.add_vectors(words, vectors)
    return keyed


def test_analogy_accuracy_matches_gensim(structured_vectors, tmp_path):
    words, vectors = structured_vectors
    questions = load_analogies("capital-common-countries") + load_analogies("family")
    questions.append(("athens", "greece", "unseen", "word"))
    ours = evaluate_analogies(words, vectors, questions)
    question_file = tmp_path / "questions.txt"
    question_file.write_text(": all\n" + "\n".join(" ".join(question) for question in questions) + "\n")
    score, _ = gensim_keyed_vectors(words, vectors).evaluate_word_analogies(str(question_file), case_insensitive=False)
    assert 0.1 < ours.accuracy < 0.99, "the fixture should make some questions right and some wrong"
    assert ours.accuracy == pytest.approx(score, abs=1e-12)
    assert (ours.used, ours.skipped) == (len(questions) - 1, 1)
    assert ours.correct == round(ours.accuracy * ours.used)


def test_similarity_rho_matches_gensim(structured_vectors, tmp_path):
    words, vectors = structured_vectors
    rng = np.random.default_rng(1)
    pairs = [(words[i], words[j], float(rng.uniform(0, 10))) for i, j in rng.integers(0, len(words), (80, 2)) if i != j]
    pairs += [("spare", "unseen", 5.0), ("missing", "words", 1.0)]
    ours = evaluate_similarity(words, vectors, pairs)
    pair_file = tmp_path / "pairs.tsv"
    pair_file.write_text("".join(f"{w1}\t{w2}\t{score}\n" for w1, w2, score in pairs))
    _, (rho, _), _ = gensim_keyed_vectors(words, vectors).evaluate_word_pairs(str(pair_file), case_insensitive=False)
    assert ours.spearman == pytest.approx(rho, abs=1e-12)
    assert (ours.used, ours.skipped) == (len(pairs) - 2, 2)


def test_similarity_is_plus_one_when_cosines_follow_the_scores():
    angles = np.linspace(0, np.pi / 2, 5)
    words = [f"w{i}" for i in range(5)]
    vectors = np.stack([np.cos(angles), np.sin(angles)], axis=1) * np.arange(1, 6)[:, None]  # length must not matter
    pairs = [("w0", f"w{i}", 10.0 - i) for i in range(1, 5)]
    assert evaluate_similarity(words, vectors, pairs).spearman == pytest.approx(1.0)
    reversed_pairs = [(w1, w2, -score) for w1, w2, score in pairs]
    assert evaluate_similarity(words, vectors, reversed_pairs).spearman == pytest.approx(-1.0)


def test_analogy_excludes_the_question_words():
    # b - a + c lands exactly on c, yet c may not be the answer: d must win.
    words = ["a", "b", "c", "d"]
    vectors = np.array([[1.0, 0.0], [1.0, 0.0], [0.0, 1.0], [0.1, 1.0]])
    assert evaluate_analogies(words, vectors, [("a", "b", "c", "d")]).correct == 1


def test_nothing_in_vocabulary_gives_nan_and_counts():
    words, vectors = ["x", "y"], np.eye(2)
    similarity = evaluate_similarity(words, vectors, load_word_pairs("wordsim353"))
    analogies = evaluate_analogies(words, vectors, [("a", "b", "c", "d")])
    assert math.isnan(similarity.spearman) and (similarity.used, similarity.skipped) == (0, 353)
    assert math.isnan(analogies.accuracy) and (analogies.used, analogies.skipped) == (0, 1)
    assert "353 skipped" in str(similarity)


def test_torch_tensors_and_vocab_objects_are_accepted():
    torch = pytest.importorskip("torch")
    from nlpcourse import Vocab
    vocab = Vocab([["a", "b", "c", "d"]])
    vectors = torch.tensor([[0.0, 0.0], [1.0, 0.0], [1.0, 0.1], [0.0, 1.0], [0.1, 1.0]], requires_grad=True)
    assert evaluate_analogies(vocab, vectors, [("a", "b", "c", "d")]).correct == 1


@pytest.mark.parametrize(("vocab", "vectors", "message"), [
    (["a", "b"], np.ones((3, 2)), r"shape \(len\(vocab\), d\) = \(2, d\), got \(3, 2\)"),
    (["a", "b"], np.ones(2), r"got \(2,\)"),
    (["a", "a"], np.ones((2, 2)), "repeated words"),
    (["a", "b"], np.array([[1.0, np.nan], [1.0, 1.0]]), "nan or inf"),
])
def test_bad_vectors_are_rejected_with_the_fix(vocab, vectors, message):
    with pytest.raises(ValueError, match=message):
        evaluate_similarity(vocab, vectors, [("a", "b", 1.0)])
