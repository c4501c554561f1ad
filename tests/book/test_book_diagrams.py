"""The book's diagrams (book/diagrams/*.svg): they are what book/diagrams/draw.py writes today, they are
well-formed SVG, and each one is a figure (label, alt text, caption, dark-mode class) on a page of the
book. The browser test (test_book_in_browser.py) checks that they load and screenshots them."""
import importlib.util
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml

from toc_pages import toc_docnames

REPO = Path(__file__).resolve().parents[2]
DIAGRAM_DIR = REPO / "book" / "diagrams"
SVG = "{http://www.w3.org/2000/svg}"
# A MyST figure of one diagram: ```{figure} ../diagrams/<name>.svg, its :options: and its caption.
FIGURE = re.compile(r"^```\{figure\} \.\./diagrams/(?P<name>[\w-]+)\.svg\n(?P<options>(?::.*\n)*)\n(?P<caption>(?:.*\n)+?)```$",
                    re.MULTILINE)


def _load_draw():
    spec = importlib.util.spec_from_file_location("book_diagrams_draw", DIAGRAM_DIR / "draw.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


DIAGRAMS = sorted(_load_draw().DIAGRAMS)


def diagram_figures() -> dict[str, list[tuple[str, dict[str, str], str]]]:
    """For each diagram name: every (docname, options, caption) of a figure of it on a page of _toc.yml."""
    found: dict[str, list] = {}
    for docname in toc_docnames(REPO / "_toc.yml"):
        source = REPO / f"{docname}.md"
        if not source.is_file():  # a page that is a notebook has no figures of diagrams
            continue
        text = source.read_text(encoding="utf8")
        for match in FIGURE.finditer(text):
            options = dict(re.findall(r"^:([\w-]+):\s*(.*)$", match["options"], re.MULTILINE))
            found.setdefault(match["name"], []).append((docname, options, match["caption"].strip()))
    return found


def diagram_pages() -> dict[str, str]:
    """The page (docname) of each diagram that is placed exactly once in the book."""
    return {name: figures[0][0] for name, figures in diagram_figures().items() if len(figures) == 1}


def test_diagrams_are_what_the_generator_draws(tmp_path):
    written = _load_draw().write_all(tmp_path)
    assert sorted(path.stem for path in written) == DIAGRAMS
    stale = [path.name for path in written if path.read_bytes() != (DIAGRAM_DIR / path.name).read_bytes()]
    assert stale == [], f"{stale} differ from what draw.py writes: run `python book/diagrams/draw.py` and commit"
    strays = sorted({path.name for path in DIAGRAM_DIR.glob("*.svg")} - {path.name for path in written})
    assert strays == [], f"SVG files in book/diagrams that draw.py does not write: {strays}"


@pytest.mark.parametrize("name", DIAGRAMS)
def test_diagram_is_well_formed_svg(name):
    root = ET.parse(DIAGRAM_DIR / f"{name}.svg").getroot()
    assert root.tag == f"{SVG}svg"
    width, height = float(root.get("width")), float(root.get("height"))
    assert root.get("viewBox") == f"0 0 {root.get('width')} {root.get('height')}" and width > 0 and height > 0
    assert root.findtext(f"{SVG}title").strip(), f"{name}.svg has no <title>"
    assert root.findtext(f"{SVG}desc").strip(), f"{name}.svg has no <desc>"
    texts = ["".join(element.itertext()) for element in root.iter(f"{SVG}text")]
    assert len(texts) >= 5, f"{name}.svg has hardly any labels: {texts}"
    # no external references: the book makes no request outside itself
    source = (DIAGRAM_DIR / f"{name}.svg").read_text(encoding="utf8")
    assert "http" not in source.replace('xmlns="http://www.w3.org/2000/svg"', "")


@pytest.mark.parametrize("name", DIAGRAMS)
def test_diagram_is_a_figure_on_one_page(name):
    figures = diagram_figures().get(name, [])
    assert len(figures) == 1, f"{name}.svg should be a figure on exactly one page of _toc.yml, found {figures}"
    docname, options, caption = figures[0]
    assert options.get("name", "").startswith("fig-"), f"{docname}: the figure of {name} has no :name: label"
    assert len(options.get("alt", "")) >= 80, f"{docname}: the figure of {name} needs alt text that describes it"
    assert {"diagram", "dark-light"} <= set(options.get("class", "").split()), (
        f"{docname}: the figure of {name} needs `:class: diagram dark-light` (book/_static/diagrams.css)")
    assert len(caption) >= 40, f"{docname}: the figure of {name} needs a caption"


def test_figure_labels_are_unique():
    labels = [options.get("name") for figures in diagram_figures().values() for _, options, _ in figures]
    assert len(labels) == len(set(labels)), labels


def test_dark_mode_stylesheet_is_registered():
    config = yaml.safe_load((REPO / "_config.yml").read_text(encoding="utf8"))
    sphinx = config["sphinx"]["config"]
    assert "diagrams.css" in sphinx["html_css_files"]
    static = [REPO / folder for folder in sphinx["html_static_path"]]
    stylesheet = next(folder / "diagrams.css" for folder in static if (folder / "diagrams.css").is_file())
    assert re.search(r'html\[data-theme="dark"\] img\.diagram\s*\{[^}]*filter:', stylesheet.read_text(encoding="utf8"))
