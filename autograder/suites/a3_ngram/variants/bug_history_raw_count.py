"""add_k takes c(h) as the raw count of the (n-1)-gram h in the padded text, also where h ends a sentence
and nothing follows it."""


class NGramLM(NGramLM):
    def fit(self, sentences):
        super().fit(sentences)
        if self.smoothing != "add_k":
            return self
        self._totals[self.n] = Counter(
            tuple(padded[i:i + self.n - 1])
            for padded in (pad(self._known(sentence), self.n) for sentence in sentences)
            for i in range(len(padded) - self.n + 2))
        return self
