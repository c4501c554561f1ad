"""build_vocab keeps words seen more than min_count times (>), dropping those seen exactly min_count times."""
from collections import Counter


def build_vocab(sentences, min_count):
    counts = Counter(word for sentence in sentences for word in sentence)
    vocab = sorted((word for word, count in counts.items() if count > min_count), key=lambda word: (-counts[word], word))
    return vocab, np.array([counts[word] for word in vocab], dtype=np.float64)
