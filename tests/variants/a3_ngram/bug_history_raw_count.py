"""add_k takes c(h) as the raw count of the (n-1)-gram h in the padded text, also where h ends a sentence
and nothing follows it."""


class NGramLM(NGramLM):
    def fit(self, sentences):
        super().fit(sentences)
        self._raw_history_counts = Counter(
            tuple(padded[i:i + self.n - 1])
            for padded in (pad(self._known(sentence), self.n) for sentence in sentences)
            for i in range(len(padded) - self.n + 2))
        return self

    def _prob(self, word, history):
        if self.smoothing != "add_k":
            return super()._prob(word, history)
        count = self._tables[self.n].get(history, {}).get(word, 0)
        return (count + self.k) / (self._raw_history_counts[history] + self.k * len(self._vocab))
