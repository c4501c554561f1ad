"""continuation_counts adds up the counts of the (n+1)-grams v g w instead of counting the distinct words v: the
lower orders get raw counts again, which is what Kneser-Ney's continuation counts replace."""
# diagnosis: continuation_counts adds the counts of the n-grams v g w; it must count how many distinct words v precede g w (one per distinct n-gram).


def continuation_counts(higher):
    counts = Counter()
    for gram, count in higher.items():
        counts[gram[1:]] += count
    return counts
