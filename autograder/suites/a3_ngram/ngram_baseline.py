"""The Kneser-Ney trigram baseline on the wiki corpus: the settings a3's hidden suite grades with and
a4 compares its RNN language model against (same corpus, same splits, same vocabulary rule).

Chosen on the validation split: of D = 0.6, 0.75, 0.9 and 1.0 (validation perplexity 462, 410, 386 and
418), 0.9 is best on this small corpus; min_count = 2 gives `<unk>` real training counts (|V| = 16,331).
The reference's test perplexity with these settings is 319.5 (bench/a3_ngram_vs_nltk.py prints it).
"""
ORDER = 3
SMOOTHING = "kneser_ney"
DISCOUNT = 0.9
MIN_COUNT = 2
# The graded threshold is the reference's test perplexity times 1 + PERPLEXITY_MARGIN (319.5 -> 325.9). A
# correct implementation matches the reference to rounding; the margin only absorbs harmless differences
# (summation order, float32 counts).
PERPLEXITY_MARGIN = 0.02
TIME_BUDGET_SECONDS = 60.0


def fit_baseline(ngram_lm_class, train_sentences):
    """The baseline model: `ngram_lm_class` is any class with the a3 NGramLM contract."""
    return ngram_lm_class(ORDER, smoothing=SMOOTHING, discount=DISCOUNT, min_count=MIN_COUNT).fit(train_sentences)
