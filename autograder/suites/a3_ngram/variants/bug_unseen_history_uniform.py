"""Kneser-Ney returns the uniform 1/|V| for an unseen top-order history instead of backing off."""


class NGramLM(NGramLM):
    def _prob(self, word, history):
        if self.smoothing == "kneser_ney" and not self._totals[self.n][history]:
            return 1.0 / len(self._vocab)
        return super()._prob(word, history)
