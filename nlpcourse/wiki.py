"""The ``"wiki"`` corpus: gensim's packaged sample of English Wikipedia (106 articles, ~453k tokens).

Articles are selected and tokenized exactly as ``gensim.corpora.WikiCorpus`` does with its
defaults (main namespace, no redirects, markup removed by ``filter_wiki``, lowercase alphabetic
tokens of 2-15 characters, articles of at least 50 tokens), so the token count is WikiCorpus's
452,944. Unlike WikiCorpus we keep sentence boundaries: the plain text is cut at sentence
punctuation and line breaks before tokenizing. Note gensim's rule drops one-letter words
("a", "i") and numbers.
"""
import bz2

from .paths import gensim_test_file
from .sentences import split_sentences
from .splits import split_by_document

WIKI_SAMPLE = "enwiki-latest-pages-articles1.xml-p000000010p000030302-shortened.bz2"
MIN_ARTICLE_TOKENS = 50  # WikiCorpus's default article_min_tokens


def build_wiki() -> dict[str, list[list[str]]]:
    """Parse the sample and split it by article into train/valid/test (80/10/10)."""
    # imported here: gensim takes seconds to import and most users only read the cache
    from gensim.corpora import wikicorpus

    with bz2.open(gensim_test_file(WIKI_SAMPLE)) as dump:
        articles = [
            (title, split_sentences(wikicorpus.filter_wiki(text), wikicorpus.tokenize))
            for title, text, _page_id in wikicorpus.extract_pages(dump, filter_namespaces=("0",))
            if _is_article(title, text, wikicorpus.IGNORED_NAMESPACES)
        ]
    long_enough = [
        (title, sentences) for title, sentences in articles
        if sum(len(sentence) for sentence in sentences) >= MIN_ARTICLE_TOKENS
    ]
    return split_by_document(long_enough)


def _is_article(title: str, text: str, ignored_namespaces: list[str]) -> bool:
    is_redirect = text.lstrip().lower().startswith("#redirect")
    in_other_namespace = any(title.startswith(namespace + ":") for namespace in ignored_namespaces)
    return not is_redirect and not in_other_namespace
