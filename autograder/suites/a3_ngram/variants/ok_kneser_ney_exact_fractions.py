"""Kneser-Ney in exact rational arithmetic (fractions.Fraction, the discount taken at its exact float value),
rounded to float once at the end, instead of float arithmetic at every step."""
from fractions import Fraction


class NGramLM(NGramLM):
    def _prob(self, word, history):
        if self.smoothing != "kneser_ney":
            return super()._prob(word, history)
        discount = Fraction(self.discount)
        p = Fraction(1, len(self._vocab))
        for m in range(1, self.n + 1):
            h = history[len(history) - (m - 1):]
            total = self._totals[m][h]
            if total:
                seen = max(Fraction(self._counts[m][h + (word,)]) - discount, Fraction(0))
                p = (seen + discount * self._types[m][h] * p) / total
        return float(p)
