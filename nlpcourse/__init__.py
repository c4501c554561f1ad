"""The course library: data loaders, vocabulary, evaluation, gradient checking and plots.

Every public function's docstring names the chapter (ch1 word vectors, ch2 word2vec and
classifiers, ch3 language models) or assignment (a1-a4) that uses it.
"""
from .corpora import load_corpus
from .errors import CacheError, ChecksumError, DownloadError, MissingDataError, NlpCourseError, UnknownNameError
from .evaluation import AnalogyResult, SimilarityResult, evaluate_analogies, evaluate_similarity
from .gradient_check import GradcheckResult, gradcheck
from .paths import data_dir
from .plots import plot_embeddings_2d, plot_training_curve
from .sentences import MAX_SENTENCE_TOKENS
from .tokenizer import tokenize
from .vocab import UNK, Vocab
from .word_sets import load_analogies, load_word_pairs

__all__ = [
    "MAX_SENTENCE_TOKENS", "UNK",
    "AnalogyResult", "GradcheckResult", "SimilarityResult", "Vocab",
    "CacheError", "ChecksumError", "DownloadError", "MissingDataError", "NlpCourseError", "UnknownNameError",
    "data_dir", "evaluate_analogies", "gradcheck", "evaluate_similarity", "load_analogies", "load_corpus",
    "load_word_pairs", "plot_embeddings_2d", "plot_training_curve", "tokenize",
]
