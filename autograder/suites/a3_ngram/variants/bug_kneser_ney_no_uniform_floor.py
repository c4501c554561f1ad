"""Kneser-Ney ends the recursion at the undiscounted continuation unigram, without the uniform 1/|V|
(as nltk.lm does): a word never seen after anything, like an unseen `<unk>`, gets probability 0."""


class NGramLM(NGramLM):
    def _prob(self, word, history):
        if self.smoothing != "kneser_ney" or self.n == 1:
            return super()._prob(word, history)
        p = self._counts[1][(word,)] / self._totals[1][()]
        for m in range(2, self.n + 1):
            h = history[len(history) - (m - 1):]
            total = self._totals[m][h]
            if total:
                discounted = max(self._counts[m][h + (word,)] - self.discount, 0.0)
                p = (discounted + self.discount * self._types[m][h] * p) / total
        return p
