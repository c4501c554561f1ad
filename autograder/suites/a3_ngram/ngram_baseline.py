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
# Full Kneser-Ney points at a wiki test perplexity <= PERPLEXITY_BAR: the reference's REFERENCE_PERPLEXITY times
# 1 + PERPLEXITY_MARGIN, rounded to the 0.1 the notebook states (319.5 -> 325.9). A correct implementation
# matches the reference to rounding; the margin only absorbs harmless differences (summation order, float32
# counts). tests/assignments/test_a3_ngram_stated_bars.py checks that the notebook states these numbers and
# that the reference still scores REFERENCE_PERPLEXITY.
REFERENCE_PERPLEXITY = 319.5
PERPLEXITY_MARGIN = 0.02
PERPLEXITY_BAR = 325.9
# fit + perplexity of each wiki model, in CPU seconds of the worker's process tree as the engine measures them
# (120 would be two cores for 60 s): 60 CPU seconds on one core. The reference needs about 2.
TIME_BUDGET_SECONDS = 60.0

def fit_baseline(ngram_lm_class, train_sentences):
    """The baseline model: `ngram_lm_class` is any class with the a3 NGramLM contract."""
    return ngram_lm_class(ORDER, smoothing=SMOOTHING, discount=DISCOUNT, min_count=MIN_COUNT).fit(train_sentences)
