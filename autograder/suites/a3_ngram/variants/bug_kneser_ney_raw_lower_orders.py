"""Kneser-Ney uses raw counts at every order instead of continuation counts below the top."""


class NGramLM(NGramLM):
    def fit(self, sentences):
        super().fit(sentences)
        if self.smoothing != "kneser_ney":
            return self
        top = [gram for sentence in sentences for gram in ngrams(pad(self._known(sentence), self.n), self.n)]
        for m in range(1, self.n):
            lower = [gram[self.n - m:] for gram in top]
            self._counts[m] = Counter(lower)
            self._totals[m] = Counter(gram[:-1] for gram in lower)
            self._types[m] = Counter(gram[:-1] for gram in self._counts[m])
        return self
