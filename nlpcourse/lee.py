"""The ``"lee"`` corpus: gensim's lee_background.cor, 300 short Australian news stories (one a line).

Split by story into train/valid/test (80/10/10: 240/30/30 stories) and into sentences,
tokenized with ``tokenize`` (which keeps "a" and numbers, unlike the wiki corpus).
"""
from .paths import gensim_test_file
from .sentences import split_sentences
from .splits import split_by_document
from .tokenizer import tokenize

LEE_FILE = "lee_background.cor"


def build_lee() -> dict[str, list[list[str]]]:
    """Parse lee_background.cor and split it by story."""
    with open(gensim_test_file(LEE_FILE), encoding="utf-8") as file:
        stories = [line.strip() for line in file if line.strip()]
    # A story's key is its line number: two stories could share a text, never a line.
    return split_by_document([(f"story-{index}", split_sentences(story, tokenize)) for index, story in enumerate(stories)])
