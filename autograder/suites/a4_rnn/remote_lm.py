"""Score a student's language model that lives in the sandbox, from the logits it returns.

The model stays in the worker (a remote handle); the grader sends id batches as `Tensor` markers,
gets logits back as numpy arrays, and computes the targets' log-probabilities and the perplexity here, in
float64. The
hidden state is carried from chunk to chunk: it comes back as arrays (or tuples of arrays, for an
LSTM) and is sent again as `Tensor` markers.
"""
import math
from dataclasses import dataclass

import numpy as np

from autograder.api import Tensor

# One call returns rows x CHUNK_STEPS x |V| float32 logits: 8 x 32 x 16k is 17 MB of raw bytes (the
# protocol sends arrays as binary blobs). Under glibc's 32 MiB ceiling for serving an allocation with a
# fresh mmap, so from the second chunk on both processes reuse heap memory that is already mapped: 128 steps
# (67 MB a chunk) cost the grader ~0.3 CPU s more per scoring, in page faults. The state is carried from
# chunk to chunk, so the chunk length changes the logits by float32 rounding at most.
CHUNK_STEPS = 32
# Logits at positions before the cut may differ by float32 rounding between the two runs, no more.
CAUSALITY_TOLERANCE = 1e-4
# Positions scored together: 16 x |V| float64s (2 MB at 16k words) stay in the cache.
SCORING_ROWS = 16


def as_tensors(state):
    """The hidden state the model returned, in the form its forward accepts again."""
    if isinstance(state, np.ndarray):
        return Tensor(state)
    if isinstance(state, tuple | list):
        return type(state)(as_tensors(item) for item in state)
    return state


def forward(model, inputs: np.ndarray, state, vocab_size: int):
    """(logits (B, T, V) as returned, state) of one forward call, with the contract checked."""
    answer = model.forward(Tensor(inputs), as_tensors(state))
    if not (isinstance(answer, tuple | list) and len(answer) == 2):
        raise AssertionError("model.forward(inputs, h) must return a pair (logits, h)")
    logits, state = answer
    expected_shape = (*inputs.shape, vocab_size)
    if not isinstance(logits, np.ndarray) or logits.shape != expected_shape:
        got = logits.shape if isinstance(logits, np.ndarray) else type(logits).__name__
        raise AssertionError(f"model.forward on a batch of shape {inputs.shape} returned logits of shape {got}; "
                             f"expected (B, T, vocab_size) = {expected_shape}")
    # NaN propagates to the min and the max, and an infinity is one of them: two passes, no mask array.
    if not (np.isfinite(logits.min()) and np.isfinite(logits.max())):
        raise AssertionError(f"model.forward on a batch of shape {inputs.shape} returned NaN or infinite logits")
    return logits, state


def target_log_probs(logits: np.ndarray, targets: np.ndarray, scored: np.ndarray) -> np.ndarray:
    """log softmax(logits)[target] at every scored position, in float64: the very numbers the whole
    log-softmax array would give there (the same operations on the same values, each position's row
    summed alone as before), without building it: SCORING_ROWS positions at a time, in one buffer
    that stays in the cache, instead of a float64 copy of all the logits (~0.9 GB per chunk)."""
    rows, steps = np.nonzero(scored)
    flat = logits.reshape(-1, logits.shape[-1])
    positions = rows * logits.shape[1] + steps
    picked = np.empty(len(positions))
    log_sums = np.empty(len(positions))
    buffer = np.empty((SCORING_ROWS, logits.shape[-1]))
    for start in range(0, len(positions), SCORING_ROWS):
        some = positions[start:start + SCORING_ROWS]
        block = buffer[:len(some)]
        values = flat[some]
        np.subtract(values, values.max(axis=-1, keepdims=True), out=block, dtype=np.float64)
        picked[start:start + len(some)] = block[np.arange(len(some)), targets.reshape(-1)[some]]
        np.exp(block, out=block)
        log_sums[start:start + len(some)] = np.log(block.sum(axis=-1))
    return picked - log_sums


def block_batch(blocks, eos_id: int):
    """Inputs and targets (rows, longest block); each row predicts its block, padding targets are -1."""
    width = max(len(block) for block in blocks)
    inputs = np.full((len(blocks), width), eos_id, dtype=np.int64)
    targets = np.full((len(blocks), width), -1, dtype=np.int64)
    for row, block in enumerate(blocks):
        inputs[row, 1 : len(block)] = block[:-1]  # the first input is </s>: a sentence starts
        targets[row, : len(block)] = block
    return inputs, targets


def perplexity(model, blocks, eos_id: int, vocab_size: int):
    """(perplexity, number of scored tokens) of the remote model on the id blocks."""
    inputs, targets = block_batch(blocks, eos_id)
    total, count, state = 0.0, 0, None
    for start in range(0, inputs.shape[1], CHUNK_STEPS):
        window = slice(start, start + CHUNK_STEPS)
        logits, state = forward(model, inputs[:, window], state, vocab_size)
        scored = targets[:, window] >= 0
        total -= float(np.sum(target_log_probs(logits, targets[:, window], scored)))
        count += int(scored.sum())
    mean = total / count  # a model sure of wrong words can make exp() overflow: its perplexity is inf
    return (math.exp(mean) if mean < 700 else math.inf), count


@dataclass(frozen=True)
class CausalityProbe:
    """What the probe measured, each relative to the size of the logits before the cut.

    gap: how much the logits before the cut moved (a causal LM: rounding only);
    response: how much the logits from the cut on moved (a model that reads its input: far above rounding;
    one whose logits ignore the input, like constant logits, is causal for nothing)."""
    gap: float
    response: float

    @property
    def causal(self) -> bool:
        return self.gap <= CAUSALITY_TOLERANCE

    @property
    def reads_its_input(self) -> bool:
        return self.response > CAUSALITY_TOLERANCE


def causality_probe(model, inputs: np.ndarray, cut: int, vocab_size: int, seed: int = 0) -> CausalityProbe:
    """Replace the inputs from `cut` on by random ids, or cut them off, and see which logits move."""
    before, _ = forward(model, inputs, None, vocab_size)
    altered = inputs.copy()
    altered[:, cut:] = np.random.default_rng(seed).integers(0, vocab_size, size=altered[:, cut:].shape)
    after_change, _ = forward(model, altered, None, vocab_size)
    truncated, _ = forward(model, inputs[:, :cut], None, vocab_size)
    # float64 differences: float32 logits subtracted in float32 would add rounding of their own
    before, after_change, truncated = (x.astype(np.float64) for x in (before, after_change, truncated))
    scale = max(1.0, np.abs(before[:, :cut]).max())
    gap = max(np.abs(after_change[:, :cut] - before[:, :cut]).max(), np.abs(truncated - before[:, :cut]).max())
    response = np.abs(after_change[:, cut:] - before[:, cut:]).max()
    return CausalityProbe(float(gap / scale), float(response / scale))
