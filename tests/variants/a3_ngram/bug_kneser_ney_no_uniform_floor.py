"""Kneser-Ney ends the recursion at the undiscounted continuation unigram, without the uniform 1/|V|
(as nltk.lm does): a word never seen after anything, like an unseen `<unk>`, gets probability 0."""


class NGramLM(NGramLM):
    def _prob(self, word, history):
        if self.smoothing != "kneser_ney" or self.n == 1:
            return super()._prob(word, history)
        unigrams = self._tables[1][()]
        p = unigrams.get(word, 0) / self._totals[1][()]
        for m in range(2, self.n + 1):
            h = history[len(history) - (m - 1):]
            followers = self._tables[m].get(h)
            if followers:
                total = self._totals[m][h]
                p = (max(followers.get(word, 0) - self.discount, 0.0) + self.discount * len(followers) * p) / total
        return p
