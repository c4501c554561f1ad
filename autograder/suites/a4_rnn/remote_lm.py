"""Score a student's language model that lives in the sandbox, from the logits it returns.

The model stays in the worker (a remote handle); the grader sends id batches as `Tensor` markers,
gets logits back as numpy arrays, and computes log-softmax and perplexity here, in float64. The
hidden state is carried from chunk to chunk: it comes back as arrays (or tuples of arrays, for an
LSTM) and is sent again as `Tensor` markers.
"""
import math
from dataclasses import dataclass

import numpy as np

from autograder.api import Tensor

# One call returns rows x CHUNK_STEPS x |V| float32 logits: 8 x 128 x 16k is 67 MB, under the
# protocol's 128 MB frame limit after base64.
CHUNK_STEPS = 128
# Logits at positions before the cut may differ by float32 rounding between the two runs, no more.
CAUSALITY_TOLERANCE = 1e-4


def as_tensors(state):
    """The hidden state the model returned, in the form its forward accepts again."""
    if isinstance(state, np.ndarray):
        return Tensor(state)
    if isinstance(state, tuple | list):
        return type(state)(as_tensors(item) for item in state)
    return state


def forward(model, inputs: np.ndarray, state, vocab_size: int):
    """(logits as float64 (B, T, V), state) of one forward call, with the contract checked."""
    answer = model.forward(Tensor(inputs), as_tensors(state))
    if not (isinstance(answer, tuple | list) and len(answer) == 2):
        raise AssertionError("model.forward(inputs, h) must return a pair (logits, h)")
    logits, state = answer
    expected_shape = (*inputs.shape, vocab_size)
    if not isinstance(logits, np.ndarray) or logits.shape != expected_shape:
        got = logits.shape if isinstance(logits, np.ndarray) else type(logits).__name__
        raise AssertionError(f"model.forward on a batch of shape {inputs.shape} returned logits of shape {got}; "
                             f"expected (B, T, vocab_size) = {expected_shape}")
    logits = logits.astype(np.float64)
    if not np.all(np.isfinite(logits)):
        raise AssertionError(f"model.forward on a batch of shape {inputs.shape} returned NaN or infinite logits")
    return logits, state


def log_softmax(logits: np.ndarray) -> np.ndarray:
    shifted = logits - logits.max(axis=-1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=-1, keepdims=True))


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
        total -= float(np.sum(pick(log_softmax(logits), targets[:, window], scored)))
        count += int(scored.sum())
    mean = total / count  # a model sure of wrong words can make exp() overflow: its perplexity is inf
    return (math.exp(mean) if mean < 700 else math.inf), count


def pick(log_probs: np.ndarray, targets: np.ndarray, scored: np.ndarray) -> np.ndarray:
    """log p(target) at every scored position."""
    rows, steps = np.nonzero(scored)
    return log_probs[rows, steps, targets[rows, steps]]


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
    scale = max(1.0, np.abs(before[:, :cut]).max())
    gap = max(np.abs(after_change[:, :cut] - before[:, :cut]).max(), np.abs(truncated - before[:, :cut]).max())
    response = np.abs(after_change[:, cut:] - before[:, cut:]).max()
    return CausalityProbe(float(gap / scale), float(response / scale))
