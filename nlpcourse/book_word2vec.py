"""The book's gensim word2vec models, trained once per settings and shared by the ch2 pages.

Chapter 2 trains skip-gram on the wiki training split (training_and_evaluation), and reads the same vectors
on the NER, count-vs-predict and word-senses pages; `nlpcourse.trained.once` stores them, so each
model trains once per build however many pages use it.
"""
from .corpora import load_corpus
from .trained import once

# d, m, K, minimum count, epochs and learning rate of every ch2 page. alpha = 0.05 for 10 epochs: at gensim's
# default (0.025, 5 epochs) the 378k-token split gives vectors whose WordSim353 score is near that of random
# vectors (measured on training_and_evaluation.md).
BOOK_SETTINGS = {"vector_size": 50, "window": 5, "negative": 5, "min_count": 5, "epochs": 10, "alpha": 0.05}


def book_word2vec(*, skip_gram: bool = True, merge: tuple[str, str, str] | None = None) -> dict:
    """Skip-gram (or CBOW) vectors of the wiki training split, with `BOOK_SETTINGS`, one thread, seed 0.

    `merge = (first, second, merged)` rewrites every occurrence of `first` and of `second` in the corpus as
    the pseudo-word `merged` before training (ch2 word senses: a word made of two "senses").
    Returns plain data: ``words`` (gensim's index_to_key), ``input_vectors`` (the v_w, gensim's ``wv``),
    ``output_vectors`` (the u_w, ``syn1neg``), ``epoch_losses`` (gensim's loss tally per epoch),
    ``counts`` (corpus count of each word) and ``cpu_seconds`` of the training run.
    Used by ch2 (training_and_evaluation, window_classification, count_vs_predict, word_senses).
    """
    settings = {**BOOK_SETTINGS, "skip_gram": skip_gram, "merge": list(merge) if merge else None,
                "corpus": "wiki/train", "seed": 0, "workers": 1}
    return once("book-word2vec", settings, lambda: _train(skip_gram, merge))


def _train(skip_gram: bool, merge: tuple[str, str, str] | None) -> dict:
    import time

    import numpy as np
    from gensim.models import Word2Vec  # imported here: gensim takes seconds to import
    from gensim.models.callbacks import CallbackAny2Vec

    sentences = load_corpus("wiki", "train")
    if merge:
        first, second, merged = merge
        sentences = [[merged if word in (first, second) else word for word in sentence] for sentence in sentences]

    class EpochLoss(CallbackAny2Vec):
        """gensim only reports a running total of the loss: keep each epoch's share of it."""

        def __init__(self):
            self.losses, self.total_so_far = [], 0.0

        def on_epoch_end(self, model):
            total = model.get_latest_training_loss()
            self.losses.append(total - self.total_so_far)
            self.total_so_far = total

    settings = dict(BOOK_SETTINGS)
    epochs = settings.pop("epochs")
    # one worker thread and a fixed seed: the same vectors on every run
    model = Word2Vec(sg=int(skip_gram), seed=0, workers=1, **settings)
    model.build_vocab(sentences)
    callback = EpochLoss()
    start = time.process_time()
    model.train(sentences, total_examples=model.corpus_count, epochs=epochs, compute_loss=True, callbacks=[callback])
    return {
        "words": list(model.wv.index_to_key),
        "input_vectors": np.array(model.wv.vectors),
        "output_vectors": np.array(model.syn1neg),
        "epoch_losses": callback.losses,
        "counts": np.array([model.wv.get_vecattr(word, "count") for word in model.wv.index_to_key]),
        "cpu_seconds": time.process_time() - start,
    }


def keyed_vectors(trained: dict, which: str = "input_vectors"):
    """A gensim ``KeyedVectors`` of `book_word2vec`'s result (``most_similar``, ``similarity``, ``kv[word]``).

    `which` is ``"input_vectors"`` (the v_w, the word vectors) or ``"output_vectors"`` (the u_w).
    Used by ch2 (training_and_evaluation, word_senses).
    """
    from gensim.models import KeyedVectors

    vectors = trained[which]
    keyed = KeyedVectors(vectors.shape[1])
    keyed.add_vectors(trained["words"], vectors)
    return keyed
