"""fit keeps every training word, whatever min_count says."""


class NGramLM(NGramLM):
    def fit(self, sentences):
        min_count, self.min_count = self.min_count, 1
        try:
            return super().fit(sentences)
        finally:
            self.min_count = min_count
