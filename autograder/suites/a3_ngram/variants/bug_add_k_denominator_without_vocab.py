"""add-k divides by c(h) + k instead of c(h) + k|V|: the k added to every word's count is added to the
total only once, so probabilities sum to more than one."""
# diagnosis: add-k's denominator adds k once, c(h) + k; every one of the |V| words got k added, so it must be c(h) + k|V|.


class NGramLM(NGramLM):
    def _prob(self, word, history):
        if self.smoothing == "add_k":
            count, total = self._counts[self.n][history + (word,)], self._totals[self.n][history]
            return (count + self.k) / (total + self.k)
        return super()._prob(word, history)
