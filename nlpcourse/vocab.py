"""``Vocab``: the mapping between tokens and integer ids, with counts and an unknown-word id."""
from collections import Counter
from collections.abc import Iterable

UNK = "<unk>"


class Vocab:
    """Tokens <-> ids for one corpus. Id 0 is always ``"<unk>"``; the others are the tokens seen
    at least ``min_count`` times, most frequent first (ties broken alphabetically, so two runs
    give the same ids).

    Used by ch2 (word2vec, window classifier), ch3 (language models) and a2-a4.

    >>> vocab = Vocab([["the", "cat"], ["the", "dog"]], min_count=2)
    >>> vocab.encode(["the", "cat"]), vocab.decode([1, 0])
    ([1, 0], ['the', '<unk>'])
    """

    def __init__(self, sentences: Iterable[Iterable[str]] | Iterable[str], min_count: int = 1):
        if isinstance(min_count, bool) or not isinstance(min_count, int) or min_count < 1:
            raise ValueError(f"min_count must be a positive int, got {min_count!r}")
        counts = Counter(_tokens(sentences))
        n_tokens = sum(counts.values())
        counts.pop(UNK, None)  # a corpus that already marks rare words with <unk> (ptb) keeps one id for it
        kept = sorted((token for token, count in counts.items() if count >= min_count), key=lambda t: (-counts[t], t))
        self.min_count = min_count
        self.itos: list[str] = [UNK, *kept]
        self.stoi: dict[str, int] = {token: index for index, token in enumerate(self.itos)}
        self.counts: Counter = Counter({token: counts[token] for token in kept})
        self.counts[UNK] = n_tokens - sum(self.counts.values())

    @property
    def unk_id(self) -> int:
        return 0

    def __len__(self) -> int:
        return len(self.itos)

    def __contains__(self, token: str) -> bool:
        return token in self.stoi

    def __iter__(self):
        return iter(self.itos)

    def __repr__(self) -> str:
        return f"Vocab({len(self)} tokens incl. {UNK}, min_count={self.min_count})"

    def id(self, token: str) -> int:
        """The id of ``token``, or the ``<unk>`` id for a token not in the vocabulary."""
        return self.stoi.get(token, 0)

    def token(self, index: int) -> str:
        """The token with id ``index``."""
        return self.itos[index]

    def encode(self, tokens: Iterable[str]) -> list[int]:
        """Ids of ``tokens``, unknown ones mapped to the ``<unk>`` id."""
        if isinstance(tokens, str):
            raise TypeError("encode expects a list of tokens, not a str; call tokenize(text) first")
        return [self.stoi.get(token, 0) for token in tokens]

    def decode(self, ids: Iterable[int]) -> list[str]:
        """Tokens of ``ids`` (any iterable of ints, numpy arrays included)."""
        return [self.itos[int(index)] for index in ids]


def _tokens(sentences_or_tokens):
    """Accept both a list of sentences and a flat list of tokens; reject a bare string."""
    if isinstance(sentences_or_tokens, str):
        raise TypeError("Vocab expects token lists, not a str; call tokenize(text) first")
    for item in sentences_or_tokens:
        if isinstance(item, str):
            yield item
        else:
            yield from item
