"""perplexity as 2 to the cross-entropy in bits, through the public logprob: the same number."""


class NGramLM(NGramLM):
    def perplexity(self, sentences):
        bits = [-self.logprob(word, sentence[:i]) / math.log(2)
                for sentence in sentences for i, word in enumerate(list(sentence) + [EOS])]
        return 2 ** (sum(bits) / len(bits))
