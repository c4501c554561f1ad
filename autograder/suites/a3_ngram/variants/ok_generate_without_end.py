"""generate leaves the final `</s>` out of the tokens it returns (the contract allows either)."""


class NGramLM(NGramLM):
    def generate(self, rng, max_len=50, context=()):
        tokens = super().generate(rng, max_len=max_len, context=context)
        return tokens[:-1] if tokens[-1:] == [EOS] else tokens
