"""Kneser-Ney uses raw counts at every order instead of continuation counts below the top."""


class NGramLM(NGramLM):
    def fit(self, sentences):
        super().fit(sentences)
        for m in range(1, self.n):
            grams = (gram[self.n - m:] for sentence in sentences
                     for gram in ngrams(pad(self._known(sentence), self.n), self.n))
            self._tables[m] = count_by_history(grams)
            self._totals[m] = {h: sum(followers.values()) for h, followers in self._tables[m].items()}
        return self
