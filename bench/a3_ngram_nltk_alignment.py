"""nltk.lm fit on exactly the n-grams the a3_ngram contract predicts, so its numbers can be compared with
the reference NGramLM (used by bench/a3_ngram_vs_nltk.py and tests/assignments/test_a3_ngram_vs_nltk.py).

nltk.lm differs from the contract in three places:
1. padding: its padded_everygram_pipeline pads both ends with n-1 symbols and counts every window; we give
   it only the n-grams of every order that end at a predicted token (each word and one `</s>`);
2. vocabulary: it counts the start symbol as a word, so |V| would be one larger; we left-pad with `</s>`
   instead of `<s>` (no history contains `</s>` otherwise, so this only renames the start symbol);
3. the end of the Kneser-Ney recursion: nltk stops at the undiscounted continuation unigram, the contract
   discounts it too and interpolates with the uniform 1/|V|. The two coincide whenever every vocabulary
   word occurs in training (then D * types / |V| = D), e.g. with min_count >= 2 where `<unk>` is seen; with
   min_count = 1 nltk gives `<unk>` probability 0. `KneserNeyUniformFloor` is nltk's Kneser-Ney with the
   contract's lowest level, to show that this is the only difference.
"""
from nltk.lm import KneserNeyInterpolated, Laplace, Vocabulary
from nltk.lm.models import InterpolatedLanguageModel
from nltk.lm.smoothing import KneserNey


class KneserNeyUniformFloor(KneserNey):
    """nltk's Kneser-Ney whose unigram level is the contract's: discounted, plus D * types / |V|."""

    def unigram_score(self, word):
        continuation, total = self._continuation_counts(word)
        types = len(self.counts.unigrams)
        return (max(continuation - self.discount, 0.0) + self.discount * types / len(self.vocab)) / total


def laplace(order, discount, vocabulary):
    return Laplace(order, vocabulary=vocabulary)


def kneser_ney(order, discount, vocabulary):
    return KneserNeyInterpolated(order, discount=discount, vocabulary=vocabulary)


def kneser_ney_uniform_floor(order, discount, vocabulary):
    return InterpolatedLanguageModel(KneserNeyUniformFloor, order, params={"discount": discount, "order": order},
                                     vocabulary=vocabulary)


def aligned_ngrams(sentence, n, orders):
    """The n-grams of the given orders that an n-gram model of the contract predicts, start symbol `</s>`."""
    padded = ["</s>"] * (n - 1) + list(sentence) + ["</s>"]
    return [tuple(padded[i - m + 1:i + 1]) for m in orders for i in range(n - 1, len(padded))]


def nltk_fit(make_model, train, n, min_count, discount=0.75):
    """make_model(n, discount, vocabulary) (one of the factories above), fit on `train` as aligned above."""
    words = [word for sentence in train for word in sentence] + ["</s>"] * len(train)
    lm = make_model(n, discount, Vocabulary(words, unk_cutoff=min_count, unk_label="<unk>"))
    lm.fit(aligned_ngrams(sentence, n, range(1, n + 1)) for sentence in train)
    return lm


def nltk_perplexity(lm, sentences, n):
    return lm.perplexity([gram for sentence in sentences for gram in aligned_ngrams(sentence, n, [n])])


def nltk_prob(lm, word, context, n):
    """nltk's P(word | context) with the contract's reading of context (left-padded, start symbol renamed)."""
    history = (["</s>"] * (n - 1) + ["</s>" if token == "<s>" else token for token in context])[len(context):]
    return lm.score(word, history if n > 1 else None)
