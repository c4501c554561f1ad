"""The wiki corpus as the plain id streams train_rnnlm receives, and the test blocks both LMs are scored on.

Conventions are a3's (its Kneser-Ney trigram is the baseline): words seen fewer than MIN_COUNT times
in train become `<unk>` (id 0), and every sentence ends with `</s>`, whose id is the last one. A
stream is the sentences one after the other, each followed by `</s>`.

Scored tokens: the logits of the whole test split would be 47k x 16k floats, too many to send back
from the sandbox in a grading run, so both models are scored on EVAL_BLOCKS blocks of whole, consecutive
test sentences spread evenly over the split. Each block is one row of the RNN's batch; its first
input is `</s>` (a sentence start, as `<s>` is for the trigram), and the RNN predicts every word and
every `</s>` of the block exactly once, as NGramLM.perplexity does on the same sentences.
"""
from dataclasses import dataclass, replace

import numpy as np

from nlpcourse import Vocab, load_corpus

EVAL_BLOCKS = 8
EVAL_TOKENS_PER_BLOCK = 768  # words + </s>; a block ends with the sentence that reaches this many


@dataclass(frozen=True)
class WikiStreams:
    train_ids: np.ndarray
    valid_ids: np.ndarray
    vocab_size: int  # |Vocab| + 1 for `</s>`
    eos_id: int
    eval_blocks: list  # one id stream per block
    # The sentences, for fitting and scoring the trigram (None once the baselines are computed).
    train_sentences: list | None = None
    eval_sentences: list | None = None  # the test sentences of every block, in block order

    def without_sentences(self) -> "WikiStreams":
        return replace(self, train_sentences=None, eval_sentences=None)

    @property
    def eval_tokens(self) -> int:
        return sum(len(block) for block in self.eval_blocks)


def build_wiki_streams(min_count: int) -> WikiStreams:
    train, valid, test = (load_corpus("wiki", split) for split in ("train", "valid", "test"))
    vocab = Vocab(train, min_count=min_count)
    eos_id = len(vocab)

    def stream(sentences):
        ids = [token_id for sentence in sentences for token_id in vocab.encode(sentence) + [eos_id]]
        return np.asarray(ids, dtype=np.int64)

    blocks = [sentence_block(test, start) for start in np.linspace(0, len(test), EVAL_BLOCKS, endpoint=False, dtype=int)]
    return WikiStreams(train_ids=stream(train), valid_ids=stream(valid), vocab_size=eos_id + 1, eos_id=eos_id,
                       train_sentences=train, eval_sentences=[s for block in blocks for s in block],
                       eval_blocks=[stream(block) for block in blocks])


def sentence_block(sentences, start: int) -> list:
    block, tokens = [], 0
    for sentence in sentences[start:]:
        if tokens >= EVAL_TOKENS_PER_BLOCK:
            break
        block.append(sentence)
        tokens += len(sentence) + 1
    return block


def unigram_perplexity(wiki: WikiStreams) -> float:
    """Perplexity of the train split's word frequencies on the scored tokens (every id occurs in train)."""
    counts = np.bincount(wiki.train_ids, minlength=wiki.vocab_size)
    scored = np.concatenate(wiki.eval_blocks)
    return float(np.exp(-np.mean(np.log(counts[scored] / counts.sum()))))
