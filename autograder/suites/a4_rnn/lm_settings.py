"""Budget, pass marks and the credit scale of the trained-model tests, with the numbers they come from.

The notebook states every number here next to the cell it grades (tests/assignments/test_a4_rnn_stated_bars.py
keeps the two equal).

Budget. The sandbox gives the student's code ONE thread, and the grader measures the CPU time of the worker's
process tree while train_rnnlm runs (on cuda: wall time). TRAIN_SECONDS["cpu"] is therefore CPU seconds on one
core. Load changes CPU seconds far less than wall time, though still some: at load 15 on the shared 2-core machine
an epoch of the reference took about 1.8x the CPU seconds of a quiet core (shared caches and SMT). The grader passes it to train_rnnlm as `time_budget` when the
function accepts that keyword. Over budget: no perplexity points (the engine stops the code at 1.5 x).

Scored tokens: the 8 test blocks of wiki_streams.py, 6,240 tokens (every word and `</s>`).

The pass mark, from what the book teaches. `bench/a4_rnn_bar.py` trains, on one core (torch.set_num_threads(1))
for the budget, the RNN LM of book/ch3_language_models/rnn_lm.md as that page builds it (nn.RNN, dim 32/64, full
softmax, Adam 1e-2) and a plain LSTM with a full softmax (dim 128, Adam 2e-3), and measures their graded
perplexity on the scored blocks every 30 CPU seconds (shared 2-core machine, load 13-20; 2026-11-30):

    CPU s of training      30     60     90    120    150    180
    book RNN (nn.RNN)   543.5  486.2  372.7  419.1  380.6  430.9
    LSTM, full softmax  740.0  476.2  378.3  350.9  364.8  339.8
    reference (GRU + adaptive softmax): 219.0 after its fixed 2 epochs (106 CPU s at this load, about 60 on a
      quiet core); with 3 epochs the load stretched it to the guard (0.8 x budget = 144 CPU s), which cut
      epoch 3 short: 258.2, worse than the trigram. So the reference trains 2 epochs: deterministic.
    Kneser-Ney trigram 255.6, unigram 465.7, uniform 16,331 (same 6,240 tokens)

A full softmax over 16k words lets a plain model through about one epoch in the budget (the book's RNN 1.4 epochs,
the LSTM 0.75), and Adam at these rates is noisy from one checkpoint to the next; the old bar (237.2: the
reference's 215.6 + 10%, set by a GRU with an adaptive softmax) failed every such model. PASS_PERPLEXITY is the
worst that either plain model measured from half the budget on (so a grading machine up to 2x slower than the
bench's still gets there), the book RNN's 430.9 at the budget, plus about 5%: 450. Both plain models pass it at
the budget (the LSTM by 25%); the reference beats it and the trigram. It sits only 3% below the unigram: in 180
CPU seconds on one core a model with a full softmax is not much better than word frequencies, which is what the
trigram test's scale (below) rewards beyond.

The scale (test_train.py). "Returns a language model" (5) and "is causal" (10) need a perplexity below the
unigram's: uniform logits (|V|), an untrained model (about 16,000) or one trained to predict its own input
(about 138,000) get neither. The two perplexity tests (15 each) need a causal model trained within the budget and
fall linearly in log-perplexity to none at the unigram: "pass mark" from full at PASS_PERPLEXITY, "beats the
trigram" from full at the trigram's. Perplexity points: 30 at or below the trigram, 15 + 7.9 at 340 (the
LSTM), 15 + 0.9 at the pass mark (450), 0 at the unigram. With the 55 points of BPTT and clipping, a model at
the pass mark scores 86 of 100, a correct but weaker one between 70 and 86, a broken one (never steps,
predicts its input: 55; reads the future: 60) no perplexity points.
"""
import math

TRAIN_CPU_SECONDS = 180.0
TRAIN_SECONDS = {"cpu": TRAIN_CPU_SECONDS, "cuda": 120.0}
SCORED_TOKENS = 6240

REFERENCE_PERPLEXITY = 219.0  # documents the reference; no test uses it
# The grader computes both baselines (the trigram from a3's reference, the unigram from the train split's
# counts; cached by content, baselines.py); these document them, and the notebook states them.
KNESER_NEY_PERPLEXITY = 255.6
UNIGRAM_PERPLEXITY = 465.7
PASS_PERPLEXITY = 450.0

# Causality probe: 2 rows of 64 test inputs, everything from position 40 on replaced or cut off.
CAUSALITY_ROWS, CAUSALITY_STEPS, CAUSALITY_CUT = 2, 64, 40


def log_scale(perplexity: float, full_at: float, zero_at: float) -> float:
    """Share of a test's points: 1 at or below `full_at`, 0 at or above `zero_at`, linear in log-perplexity
    between (a perplexity ratio counts the same wherever it is on the scale)."""
    if perplexity <= full_at:
        return 1.0
    if not perplexity < zero_at:  # also inf and nan
        return 0.0
    return (math.log(zero_at) - math.log(perplexity)) / (math.log(zero_at) - math.log(full_at))
