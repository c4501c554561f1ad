"""perplexity leaves out the `</s>` of each sentence: it averages over the words only."""


class NGramLM(NGramLM):
    def perplexity(self, sentences):
        total, count = 0.0, 0
        for sentence in sentences:
            for gram in ngrams(pad(self._known(sentence), self.n), self.n)[:-1]:
                total -= math.log(self._prob(gram[-1], gram[:-1]))
                count += 1
        return math.exp(total / count)
