"""Tokenization that needs no downloads (no nltk data): lowercase words and numbers."""
import re

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


def tokenize(text: str) -> list[str]:
    """Lowercase word tokens of ``text``: runs of letters or digits, punctuation dropped.

    An apostrophe inside a word keeps it whole (``"don't"``, ``"o'neill"``); hyphens and
    other punctuation split. Used by ch1-ch3 and a1-a4 to turn raw text into tokens, and by
    ``load_corpus("lee")``.

    >>> tokenize("The U.S. isn't 2-for-1, OK?")
    ['the', 'u', 's', "isn't", '2', 'for', '1', 'ok']
    """
    if not isinstance(text, str):
        raise TypeError(f"tokenize expects a str, got {type(text).__name__}; decode bytes first")
    return _WORD.findall(text.lower())
