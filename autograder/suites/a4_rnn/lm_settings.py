"""Budgets and thresholds of the trained-model tests, with the reference's own numbers.

Measured with the reference solution (bench/a4_rnn_lm_curve.py prints them) on the 8 test blocks of
wiki_streams.py: see REFERENCE_PERPLEXITY. The a3 Kneser-Ney trigram scores KNESER_NEY_PERPLEXITY on the
same tokens; the grader recomputes it in every run, the constant only documents it.
"""
# Wall-clock limit for train_rnnlm inside the sandbox (2 CPU cores on the grading machine).
TRAIN_SECONDS = {"cpu": 180.0, "cuda": 120.0}
REFERENCE_PERPLEXITY = 0.0
KNESER_NEY_PERPLEXITY = 0.0
# A student's model may be a little worse than the reference (another cell, fewer epochs, another seed):
# it passes at or below the reference's perplexity times (1 + margin).
PERPLEXITY_MARGIN = 0.10
PERPLEXITY_THRESHOLD = REFERENCE_PERPLEXITY * (1 + PERPLEXITY_MARGIN)
# Causality probe: 2 rows of 64 test inputs, everything from position 40 on replaced or cut off.
CAUSALITY_ROWS, CAUSALITY_STEPS, CAUSALITY_CUT = 2, 64, 40
