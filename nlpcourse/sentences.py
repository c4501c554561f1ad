"""Cutting running text into sentences of bounded length (shared by every corpus parser)."""
import re
from collections.abc import Callable, Iterable

MAX_SENTENCE_TOKENS = 50
"""No sentence of a corpus from ``load_corpus`` is longer: longer ones are cut into chunks."""

_SENTENCE_BOUNDARY = re.compile(r"(?<=[.!?])\s+|\n+")


def split_sentences(text: str, tokenizer: Callable[[str], list[str]]) -> list[list[str]]:
    """Split at sentence punctuation and line breaks, tokenize, drop empty ones, bound lengths."""
    return chunk_sentences(tokenizer(piece) for piece in _SENTENCE_BOUNDARY.split(text))


def chunk_sentences(sentences: Iterable[list[str]], size: int = MAX_SENTENCE_TOKENS) -> list[list[str]]:
    """Cut each token list into consecutive chunks of at most ``size`` tokens; drop empty lists."""
    return [sentence[start:start + size] for sentence in sentences for start in range(0, len(sentence), size)]


def split_after(tokens: list[str], sentence_ends: frozenset[str]) -> list[list[str]]:
    """Split a tokenized text after each token in ``sentence_ends`` (kept), then bound lengths."""
    sentences, current = [], []
    for token in tokens:
        current.append(token)
        if token in sentence_ends:
            sentences.append(current)
            current = []
    sentences.append(current)
    return chunk_sentences(sentences)
