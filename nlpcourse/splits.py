"""Deterministic train/valid/test splits by document, so no document straddles two splits."""
import hashlib

SPLITS = ("train", "valid", "test")
SPLIT_FRACTIONS = (0.8, 0.1, 0.1)


def split_by_document(documents: list[tuple[str, list[list[str]]]]) -> dict[str, list[list[str]]]:
    """Assign whole documents to train/valid/test (80/10/10 by document count).

    ``documents`` are ``(key, sentences)`` pairs with unique keys (an article title). Documents
    are ranked by the sha1 of their key: a fixed pseudo-random order that does not depend on
    Python's hash seed or on the order of the source file, yet mixes topics across the splits.
    The first 80% of that ranking is train, the next 10% valid, the rest test. Within a split the
    documents keep their source order.
    """
    keys = [key for key, _ in documents]
    if len(set(keys)) != len(keys):
        raise ValueError("document keys must be unique to split by document")
    ranking = sorted(keys, key=lambda key: hashlib.sha1(key.encode("utf-8")).hexdigest())
    n_train = round(SPLIT_FRACTIONS[0] * len(ranking))
    n_valid = round(SPLIT_FRACTIONS[1] * len(ranking))
    split_of = {key: _split_at(rank, n_train, n_valid) for rank, key in enumerate(ranking)}
    result: dict[str, list[list[str]]] = {split: [] for split in SPLITS}
    for key, sentences in documents:
        result[split_of[key]].extend(sentences)
    return result


def _split_at(rank: int, n_train: int, n_valid: int) -> str:
    if rank < n_train:
        return "train"
    return "valid" if rank < n_train + n_valid else "test"
