"""perplexity also scores the `<s>` padding, as if the model predicted it."""


class NGramLM(NGramLM):
    def perplexity(self, sentences):
        total, count = 0.0, 0
        for sentence in sentences:
            padded = pad(sentence, self.n)
            for i in range(1, len(padded)):
                total -= self.logprob(padded[i], padded[:i])
                count += 1
        return math.exp(total / count)
