"""The Kneser-Ney backoff weight is D / c(h), without the number of distinct followers N1+(h .):
the discounted mass and the weight no longer add up, so probabilities do not sum to one."""


class NGramLM(NGramLM):
    def _prob(self, word, history):
        if self.smoothing != "kneser_ney":
            return super()._prob(word, history)
        p = 1.0 / len(self._vocab)
        for m in range(1, self.n + 1):
            h = history[len(history) - (m - 1):]
            total = self._totals[m][h]
            if total:
                p = (max(self._counts[m][h + (word,)] - self.discount, 0.0) + self.discount * p) / total
        return p
