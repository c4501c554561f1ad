"""Every notebook page of the built book is runnable elsewhere: it offers .ipynb and .md downloads
that exist, and launch buttons for Binder, JupyterHub and Colab on the configured repository."""
import re
from pathlib import Path

import nbformat
import pytest
import yaml

from toc_pages import toc_docnames

REPO = Path(__file__).resolve().parents[2]
CONFIG = yaml.safe_load((REPO / "_config.yml").read_text(encoding="utf8"))
NOTEBOOK_PAGES = [
    name for name in toc_docnames(REPO / "_toc.yml")
    if (REPO / f"{name}.md").is_file() and "kernelspec:" in (REPO / f"{name}.md").read_text(encoding="utf8")
]

pytestmark = pytest.mark.slow


def _links(html: str) -> list[str]:
    return re.findall(r'href="([^"]+)"', html)


def test_the_book_has_notebook_pages():
    assert len(NOTEBOOK_PAGES) >= 3, f"expected the chapters' pages to be notebooks, found {NOTEBOOK_PAGES}"


@pytest.mark.parametrize("docname", NOTEBOOK_PAGES)
def test_notebook_page_offers_downloads(built_book, docname):
    page = built_book / f"{docname}.html"
    links = _links(page.read_text(encoding="utf8"))
    for suffix in (".ipynb", ".md"):
        download = next((link for link in links if link.endswith(f"_sources/{docname}{suffix}")), None)
        assert download is not None, f"{docname}: no {suffix} download button"
        assert (page.parent / download).resolve().is_file(), f"{docname}: the {suffix} download {download} is missing"
    notebook = nbformat.read(built_book / "_sources" / f"{docname}.ipynb", as_version=4)
    nbformat.validate(notebook)
    source_code_cells = (REPO / f"{docname}.md").read_text(encoding="utf8").count("```{code-cell}")
    notebook_code_cells = sum(cell.cell_type == "code" for cell in notebook.cells)
    assert notebook_code_cells == source_code_cells, (
        f"{docname}: the .ipynb has {notebook_code_cells} code cells, its source {source_code_cells}")


@pytest.mark.parametrize("docname", NOTEBOOK_PAGES)
def test_notebook_page_has_launch_buttons(built_book, docname):
    links = _links((built_book / f"{docname}.html").read_text(encoding="utf8"))
    repository = CONFIG["repository"]["url"].removeprefix("https://github.com/")
    expected = {
        "Binder": f"{CONFIG['launch_buttons']['binderhub_url']}/v2/gh/{repository}/",
        "JupyterHub": f"{CONFIG['launch_buttons']['jupyterhub_url']}/hub/user-redirect/git-pull?",
        "Colab": f"{CONFIG['launch_buttons']['colab_url']}/github/{repository}/blob/",
    }
    missing = [name for name, prefix in expected.items() if not any(link.startswith(prefix) for link in links)]
    assert missing == [], f"{docname}: no launch button for {missing}"


MARKDOWN_TABLE_ROW = re.compile(r"^\|.*\|\s*(</p>)?$", re.MULTILINE)


@pytest.mark.parametrize("docname", NOTEBOOK_PAGES)
def test_markdown_tables_render_as_tables(built_book, docname):
    """A cell that prints a Markdown table (comparison's results) shows a table, not its source as a
    paragraph of pipes (myst-nb renders text/markdown outputs as plain CommonMark unless told)."""
    html = (built_book / f"{docname}.html").read_text(encoding="utf8")
    body = re.sub(r"<pre>.*?</pre>", "", html, flags=re.DOTALL)  # code and printed text may show pipes
    rows = MARKDOWN_TABLE_ROW.findall(body)
    assert rows == [], f"{docname}: {len(rows)} Markdown table rows rendered as text"
