"""The course library: data loaders, vocabulary, evaluation, gradient checking and plots.

Every public function's docstring names the chapter (ch1 word vectors, ch2 word2vec and
classifiers, ch3 language models) or assignment (a1-a4) that uses it.
"""
from .corpora import load_corpus
from .errors import CacheError, ChecksumError, DownloadError, MissingDataError, NlpCourseError, UnknownNameError
from .paths import data_dir
from .sentences import MAX_SENTENCE_TOKENS
from .tokenizer import tokenize
from .vocab import UNK, Vocab

__all__ = [
    "CacheError", "ChecksumError", "DownloadError", "MAX_SENTENCE_TOKENS", "MissingDataError",
    "NlpCourseError", "UNK", "UnknownNameError", "Vocab", "data_dir", "load_corpus", "tokenize",
]
