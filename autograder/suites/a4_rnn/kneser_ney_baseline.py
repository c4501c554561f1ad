"""a3's Kneser-Ney trigram, the baseline the RNN LM must beat: a3's reference class with a3's settings.

Both come from a3's own files (the class extracted from its solution notebook with the engine's
extraction code, the settings from its hidden suite), so the two assignments cannot drift apart.
"""
import importlib.util
import types

from autograder.grading import SUITES_DIR
from autograder.in_process import load_reference


def a3_settings() -> types.ModuleType:
    """autograder/suites/a3_ngram/ngram_baseline.py: ORDER, DISCOUNT, MIN_COUNT, fit_baseline."""
    path = SUITES_DIR / "a3_ngram" / "ngram_baseline.py"
    spec = importlib.util.spec_from_file_location("a3_ngram_baseline", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def kneser_ney_trigram(train_sentences):
    """The fitted baseline: NGramLM(3, "kneser_ney", discount=a3's D, min_count=a3's) on the train split."""
    return a3_settings().fit_baseline(load_reference("a3_ngram").NGramLM, train_sentences)
