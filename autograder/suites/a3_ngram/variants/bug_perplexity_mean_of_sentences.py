"""perplexity averages the per-sentence perplexities instead of the log-probabilities of all tokens."""


class NGramLM(NGramLM):
    def perplexity(self, sentences):
        per_sentence = []
        for sentence in sentences:
            grams = ngrams(pad(self._known(sentence), self.n), self.n)
            nll = -sum(math.log(self._prob(gram[-1], gram[:-1])) for gram in grams)
            per_sentence.append(math.exp(nll / len(grams)))
        return sum(per_sentence) / len(per_sentence)
