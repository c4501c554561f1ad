"""Kneser-Ney written top-down and recursively, as the formulas read, instead of the reference's bottom-up loop."""


class NGramLM(NGramLM):
    def _prob(self, word, history):
        if self.smoothing != "kneser_ney":
            return super()._prob(word, history)
        return self._interpolated(word, history, self.n)

    def _interpolated(self, word, history, order):
        if order == 0:
            return 1.0 / len(self._vocab)
        h = history[len(history) - (order - 1):]
        lower = self._interpolated(word, history, order - 1)
        total = self._totals[order][h]
        if not total:
            return lower
        discounted = max(self._counts[order][h + (word,)] - self.discount, 0.0) / total
        return discounted + self.discount * self._types[order][h] / total * lower
