"""split_by_document: whole documents per split, deterministic, independent of input order."""
import random

import pytest

from nlpcourse.splits import split_by_document


def documents(count):
    # every document's sentences carry its key, so a split's documents can be read back
    return [(f"doc-{index}", [[f"doc-{index}", "a"], [f"doc-{index}", "b"]]) for index in range(count)]


def docs_in(sentences):
    return {sentence[0] for sentence in sentences}


def test_every_document_lands_whole_in_exactly_one_split_80_10_10():
    splits = split_by_document(documents(100))
    seen = {split: docs_in(sentences) for split, sentences in splits.items()}
    assert {split: len(docs) for split, docs in seen.items()} == {"train": 80, "valid": 10, "test": 10}
    assert set.union(*seen.values()) == {f"doc-{index}" for index in range(100)}
    assert all(len(sentences) == 2 * len(seen[split]) for split, sentences in splits.items())


def test_assignment_does_not_depend_on_input_order():
    docs = documents(50)
    shuffled = docs[:]
    random.Random(0).shuffle(shuffled)
    first, second = split_by_document(docs), split_by_document(shuffled)
    assert {split: docs_in(s) for split, s in first.items()} == {split: docs_in(s) for split, s in second.items()}


def test_documents_keep_source_order_within_a_split():
    train = split_by_document(documents(30))["train"]
    order = [int(sentence[0].split("-")[1]) for sentence in train]
    assert order == sorted(order)


def test_duplicate_keys_are_rejected():
    with pytest.raises(ValueError, match="unique"):
        split_by_document(documents(3) + documents(1))
