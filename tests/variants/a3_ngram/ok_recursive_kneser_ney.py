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
        followers = self._tables[order].get(h)
        if not followers:
            return lower
        total = self._totals[order][h]
        discounted = max(followers.get(word, 0) - self.discount, 0.0) / total
        return discounted + self.discount * len(followers) / total * lower
