"""perplexity sums natural-log probabilities but exponentiates with base 2 (2 ** cross-entropy): the two bases
must agree."""
# diagnosis: perplexity takes natural logs but raises 2 to their mean (or the reverse): use the same base for the log and the exponent.


class NGramLM(NGramLM):
    def perplexity(self, sentences):
        total, count = 0.0, 0
        for sentence in sentences:
            for gram in ngrams(pad(self._known(sentence), self.n), self.n):
                total -= math.log(self._prob(gram[-1], gram[:-1]))
                count += 1
        return 2.0 ** (total / count)
