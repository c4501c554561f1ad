"""Generate the small, synthetic location-NER data set of chapter 2 (window classification).

The data are generated, not annotated text: sentences are filled in from hand-written templates and
word lists, so every label is correct by construction and the set is far easier than real NER
(CoNLL-2003 has ~200k labelled tokens of news text; this has a few thousand templated ones).
What it does test honestly:
- held-out names: the test split uses location and person names that never occur in training, so a
  classifier can label them only from their context and from pretrained word vectors;
- held-out and shared contexts: some test templates never occur in training, and in some templates a
  place or a person fills the same slot ("{ANY} won the final"), so the context alone does not
  decide the label there, the word (or its pretrained vector) must;
- ambiguity: "washington", "jordan" and "georgia" appear both as places and as people's names, so in
  most templates the word alone does not decide the label, its window does.

Output: train.tsv and test.tsv beside this script, one "token<TAB>label" line per token (LOC for
a place, PER for a person's name, O otherwise), a blank line between sentences, lowercase tokens (the chapter's word vectors are lowercase).
Deterministic: the same seed writes the same files. Run: python make_ner_data.py
"""

import random
from pathlib import Path

SEED = 7
N_TRAIN, N_TEST = 500, 200
AMBIGUOUS_SHARE = 0.15  # how often a slot is filled with a name that can be a place or a person

# Every name below occurs at least 5 times in the embedded "wiki" corpus, so it has a word vector.
# The held-out test names are among the more frequent ones (25+ occurrences): a 378k-token corpus
# gives rarer names vectors too noisy to be of use, which would make the test one of the corpus size.
LOCATIONS = {
    "train": "paris london berlin rome moscow athens chicago boston texas california france germany "
             "italy spain russia japan england scotland ireland europe africa asia portugal iran "
             "israel virginia florida alabama alaska vienna madrid sweden iraq cairo denmark".split(),
    "test": "china india canada egypt brazil greece turkey quebec mexico australia".split(),
}
FIRST_NAMES = {
    "train": "john mary michael james william thomas charles peter paul anna maria edward henry richard".split(),
    "test": "george robert david".split(),
}
LAST_NAMES = {
    "train": "smith jones davis walker hall young king green wilson clark miller nelson".split(),
    "test": "johnson lewis scott brown".split(),
}
AMBIGUOUS_PLACES = ["washington", "jordan", "georgia"]
AMBIGUOUS_PEOPLE = {"first": ["georgia"], "last": ["washington", "jordan"]}

# Templates whose context gives the label away ("museums in X") and templates where a place and a
# person fit the same slot ("{ANY} signed the treaty"): there only the word itself, or its vector,
# tells the label. The test split adds templates never seen in training.
TEMPLATES = {
    "train": [
        "museums in {LOC} are amazing",
        "{PER} was born in {LOC} in {YEAR}",
        "{PER} moved from {LOC} to {LOC}",
        "the border between {LOC} and {LOC} is long",
        "{PER} said the weather in {LOC} was cold",
        "{PER} met {PER} at the university",
        "the government of {LOC} signed a treaty with {LOC}",
        "{PER} and {PER} travelled to {LOC} last year",
        "many people live near {LOC}",
        "{PER} wrote a book about the history of {LOC}",
        "the army of {LOC} invaded {LOC} in {YEAR}",
        "{PER} was elected president in {YEAR}",
        "the church in {LOC} was built by {PER}",
        "{PER} visited the museum with {PER}",
        "{ANY} signed the agreement in {YEAR}",
        "{ANY} won the final",
        "everyone talked about {ANY}",
        "{ANY} announced new plans",
    ],
    "test": [
        "museums in {LOC} are amazing",
        "{PER} said the weather in {LOC} was cold",
        "the army of {LOC} invaded {LOC} in {YEAR}",
        "{ANY} signed the agreement in {YEAR}",
        "{ANY} won the final",
        "everyone talked about {ANY}",
        "{ANY} announced new plans",
        "flights to {LOC} were cancelled",
        "{PER} became king of {LOC}",
        "{ANY} was mentioned in the report",
        "nobody expected {ANY} to lose",
    ],
}


def fill_location(rng, split):
    if rng.random() < AMBIGUOUS_SHARE:
        return [rng.choice(AMBIGUOUS_PLACES)]
    return [rng.choice(LOCATIONS[split])]


def fill_person(rng, split):
    first = rng.choice(AMBIGUOUS_PEOPLE["first"] if rng.random() < AMBIGUOUS_SHARE else FIRST_NAMES[split])
    last = rng.choice(AMBIGUOUS_PEOPLE["last"] if rng.random() < AMBIGUOUS_SHARE else LAST_NAMES[split])
    return rng.choice([[first], [last], [first, last]])


def make_sentence(rng, split):
    """One (tokens, labels) pair: a random template with its slots filled from the split's names."""
    tokens, labels = [], []
    for word in rng.choice(TEMPLATES[split]).split():
        if word == "{ANY}":
            word = rng.choice(["{LOC}", "{PER}"])
        if word == "{LOC}":
            filled, label = fill_location(rng, split), "LOC"
        elif word == "{PER}":
            filled, label = fill_person(rng, split), "PER"
        elif word == "{YEAR}":
            filled, label = [str(rng.randint(1700, 2000))], "O"
        else:
            filled, label = [word], "O"
        tokens += filled
        labels += [label] * len(filled)
    return tokens, labels


def write_split(path, sentences):
    with open(path, "w", encoding="utf-8") as out:
        for tokens, labels in sentences:
            out.writelines(f"{token}\t{label}\n" for token, label in zip(tokens, labels))
            out.write("\n")


def main():
    rng = random.Random(SEED)
    here = Path(__file__).resolve().parent
    for split, size in (("train", N_TRAIN), ("test", N_TEST)):
        write_split(here / f"{split}.tsv", [make_sentence(rng, split) for _ in range(size)])


if __name__ == "__main__":
    main()
