"""The public names of the contract exist, and importing the library stays fast."""
import subprocess
import sys

import nlpcourse

CONTRACT_NAMES = [  # CONTRIBUTING.md, "The course library"
    "load_corpus", "load_word_pairs", "load_analogies", "evaluate_similarity", "evaluate_analogies",
    "Vocab", "tokenize", "gradcheck", "plot_embeddings_2d", "plot_training_curve", "data_dir",
]


def test_every_contract_name_is_exported_and_documented_with_its_chapter():
    for name in CONTRACT_NAMES:
        assert name in nlpcourse.__all__, name
        doc = getattr(nlpcourse, name).__doc__ or ""
        assert any(tag in doc for tag in ("ch1", "ch2", "ch3", "a1", "a2", "a3", "a4")), f"{name} names no chapter"


def test_import_does_not_load_the_heavy_libraries():
    heavy = ["gensim", "scipy.stats", "matplotlib.pyplot", "torch"]
    code = f"import sys, nlpcourse; print([m for m in {heavy!r} if m in sys.modules])"
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert loaded == "[]"


def test_docstring_examples_run():
    import doctest

    from nlpcourse import tokenizer, vocab
    for module in (tokenizer, vocab):
        outcome = doctest.testmod(module)
        assert outcome.attempted > 0 and outcome.failed == 0, module.__name__
