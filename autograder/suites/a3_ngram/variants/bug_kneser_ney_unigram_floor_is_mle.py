"""Kneser-Ney ends its recursion in the maximum-likelihood unigram of the training tokens instead of the uniform
1/|V|: every distribution still sums to one, but the values are wrong, and a word never seen in training
(<unk> with min_count=1) gets probability 0."""


class NGramLM(NGramLM):
    def fit(self, sentences):
        super().fit(sentences)
        tokens = Counter(gram[-1] for gram in self._counts[self.n].elements())
        self._unigram_mle = {word: tokens[word] / sum(tokens.values()) for word in self._vocab}
        return self

    def _prob(self, word, history):
        if self.smoothing != "kneser_ney":
            return super()._prob(word, history)
        p = self._unigram_mle[word]
        for m in range(1, self.n + 1):
            h = history[len(history) - (m - 1):]
            total = self._totals[m][h]
            if total:
                discounted = max(self._counts[m][h + (word,)] - self.discount, 0.0)
                p = (discounted + self.discount * self._types[m][h] * p) / total
        return p
