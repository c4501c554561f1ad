"""`python -m nlpcourse.book_build` (what `make book` runs) executes the pages the build would execute, and
stores them under the key that myst-nb looks up, so that `jupyter-book build` finds them and only renders."""
from pathlib import Path

from jupyter_cache.cache.main import JupyterCacheBase
from myst_nb.core.config import NbParserConfig
from myst_nb.core.read import create_nb_reader
from myst_parser.config.main import MdParserConfig

from nlpcourse.book_build import _read, toc_pages

from toc_pages import toc_docnames

REPO = Path(__file__).resolve().parents[2]


def test_it_executes_the_pages_of_the_toc():
    assert [page.relative_to(REPO).with_suffix("").as_posix() for page in toc_pages(REPO)] == toc_docnames(REPO / "_toc.yml")


def test_its_cache_key_is_the_one_myst_nb_looks_up(tmp_path):
    cache = JupyterCacheBase(str(tmp_path))
    page = REPO / "book" / "ch3_language_models" / "comparison.md"
    text = page.read_text(encoding="utf-8")
    reader = create_nb_reader(str(page), MdParserConfig(enable_extensions={"amsmath", "colon_fence", "dollarmath", "substitution"}),
                              NbParserConfig(), text)
    as_the_build_reads_it = reader.read(text)
    assert cache.create_hashed_notebook(_read(page))[1] == cache.create_hashed_notebook(as_the_build_reads_it)[1]
