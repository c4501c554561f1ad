"""The on-disk format of a parsed corpus: one sentence per line, tokens separated by spaces.

Plain text (not pickle) so that a cache file can be read with any editor and never runs code
when loaded. The first line records the sentence and token counts; a file whose content does
not match its header (truncated or edited by hand) is reported as corrupt.
"""
from pathlib import Path

from .atomic import atomic_write

FORMAT_TAG = "#nlpcourse-corpus-v1"


class CorruptTokenFile(Exception):
    """The file exists and is readable but is not a complete token file."""


def write_token_file(path: Path, sentences: list[list[str]]) -> None:
    """Write ``sentences`` to ``path`` atomically."""
    n_tokens = sum(len(sentence) for sentence in sentences)
    with atomic_write(path, "w") as file:
        file.write(f"{FORMAT_TAG} sentences={len(sentences)} tokens={n_tokens}\n")
        for sentence in sentences:
            if not sentence or any(not token or token.split() != [token] for token in sentence):
                raise ValueError(f"a cached sentence must be non-empty tokens without spaces: {sentence[:10]}")
            file.write(" ".join(sentence))
            file.write("\n")


def read_token_file(path: Path) -> list[list[str]]:
    """Read a token file. Raises CorruptTokenFile when it is incomplete or not a token file.

    Equal tokens share one string object, which keeps large corpora (text8) small in memory.
    """
    with open(path, "rb") as file:
        raw = file.read()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as problem:
        raise CorruptTokenFile(f"not UTF-8 text ({problem})") from None
    header, _, body = text.partition("\n")
    expected = _parse_header(header)
    shared: dict[str, str] = {}
    sentences = [[shared.setdefault(token, token) for token in line.split(" ")] for line in body.splitlines()]
    found = (len(sentences), sum(len(sentence) for sentence in sentences))
    if found != expected:
        raise CorruptTokenFile(f"header says {expected} (sentences, tokens), file holds {found}")
    return sentences


def _parse_header(header: str) -> tuple[int, int]:
    parts = header.split(" ")
    try:
        if parts[0] != FORMAT_TAG or len(parts) != 3:
            raise ValueError
        return int(parts[1].removeprefix("sentences=")), int(parts[2].removeprefix("tokens="))
    except (ValueError, IndexError):
        raise CorruptTokenFile(f"not a token file header: {header[:80]!r}") from None
