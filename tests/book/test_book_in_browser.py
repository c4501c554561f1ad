"""Every page of the built book, opened in headless Chromium with no network but loopback: it loads
without console errors or outside requests, MathJax typeset every formula, every image loaded."""
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import pytest

from test_book_diagrams import diagram_pages
from toc_pages import toc_docnames

REPO = Path(__file__).resolve().parents[2]
PAGES = toc_docnames(REPO / "_toc.yml")
DIAGRAM_PAGES = diagram_pages()  # each diagram of book/diagrams and the page its figure is on
SCREENSHOT_PAGE = "book/ch1_word_vectors/word2vec_objective"
PAGE_TIMEOUT_MS = 30_000

pytestmark = pytest.mark.slow

# Text nodes outside code and outside typeset math that still look like TeX: a delimiter Sphinx
# writes around formulas, or a TeX command with a braced argument.
FIND_RAW_TEX = """() => {
  const skip = new Set(["SCRIPT", "STYLE", "PRE", "CODE", "TEXTAREA", "MJX-CONTAINER"]);
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const rawTex = /\\\\\\(|\\\\\\[|\\$\\$|\\\\[a-zA-Z]+\\{/;
  const found = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    let parent = node.parentElement, skipped = false;
    for (; parent; parent = parent.parentElement) {
      if (skip.has(parent.tagName)) { skipped = true; break; }
    }
    if (!skipped && rawTex.test(node.textContent)) found.push(node.textContent.trim().slice(0, 80));
  }
  return found;
}"""

# Math Sphinx marked for MathJax that has no typeset output, or that MathJax could not parse.
FIND_UNTYPESET_MATH = """() => [...document.querySelectorAll(".math")]
  .filter(el => !el.querySelector("mjx-container") || el.querySelector("mjx-merror"))
  .map(el => el.textContent.trim().slice(0, 80))"""

WAIT_FOR_IMAGES = """() => Promise.all([...document.images].map(img => {
  img.loading = "eager";
  return img.complete ? null : new Promise(done => { img.onload = img.onerror = done; });
}))"""

BROKEN_IMAGES = """() => [...document.images]
  .filter(img => !(img.complete && img.naturalWidth > 0))
  .map(img => img.getAttribute("src"))"""


@dataclass
class PageVisit:
    """What happened while one page loaded."""

    console_errors: list[str] = field(default_factory=list)
    outside_requests: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)


# Pages that later tests look at again (a diagram's, the screenshot's) stay open: each load typesets
# the page's formulas, seconds of CPU in a headless Chromium.
KEPT_PAGES = set(DIAGRAM_PAGES.values()) | {SCREENSHOT_PAGE}


@pytest.fixture(scope="module")
def visit_once(browser, book_url):
    """Opens a page with every request off 127.0.0.1 blocked and recorded; returns (page, visit), the
    same ones again for a page of KEPT_PAGES."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    kept = {}

    def open_(docname: str):
        if docname in kept:
            return kept[docname]
        page = context.new_page()
        visit = PageVisit()
        page.on("console", lambda message: message.type == "error" and visit.console_errors.append(message.text))
        page.on("pageerror", lambda error: visit.console_errors.append(str(error)))
        page.on("requestfailed", lambda request: _record_failure(visit, request))
        page.on("response", lambda response: response.status >= 400 and visit.failed_requests.append(
            f"{response.status} {response.url}"))
        page.route("**/*", lambda route: _only_loopback(route, visit))
        page.goto(f"{book_url}{docname}.html", wait_until="load", timeout=PAGE_TIMEOUT_MS)
        page.wait_for_load_state("networkidle", timeout=PAGE_TIMEOUT_MS)
        if docname in KEPT_PAGES:
            kept[docname] = (page, visit)
        return page, visit

    yield open_
    context.close()


@pytest.fixture
def open_page(visit_once):
    """Open a page (see visit_once); the pages no later test needs are closed after the test."""
    opened = []

    def open_(docname: str):
        page, visit = visit_once(docname)
        if docname not in KEPT_PAGES:
            opened.append(page)
        return page, visit

    yield open_
    for page in opened:
        page.close()


def _only_loopback(route, visit: PageVisit):
    url = route.request.url
    if urlparse(url).hostname == "127.0.0.1" or url.startswith(("data:", "blob:", "about:")):
        route.continue_()
    else:
        visit.outside_requests.append(url)
        route.abort("blockedbyclient")


def _record_failure(visit: PageVisit, request):
    if request.url not in visit.outside_requests:  # blocked ones are reported as outside requests
        visit.failed_requests.append(f"{request.failure} {request.url}")


def _wait_for_mathjax(page):
    has_mathjax = page.evaluate("() => Boolean(window.MathJax && window.MathJax.startup)")
    if has_mathjax:
        page.evaluate("() => MathJax.startup.promise")
    return has_mathjax


@pytest.mark.parametrize("docname", PAGES)
def test_page_renders_offline(open_page, docname):
    page, visit = open_page(docname)
    has_mathjax = _wait_for_mathjax(page)
    page.evaluate(WAIT_FOR_IMAGES)

    assert visit.outside_requests == [], f"{docname}: requests outside 127.0.0.1: {visit.outside_requests}"
    assert visit.failed_requests == [], f"{docname}: local requests that failed: {visit.failed_requests}"
    assert visit.console_errors == [], f"{docname}: console errors: {visit.console_errors}"
    math_count = page.locator(".math").count()
    assert has_mathjax or math_count == 0, f"{docname}: {math_count} formulas but MathJax did not load"
    untypeset = page.evaluate(FIND_UNTYPESET_MATH)
    assert untypeset == [], f"{docname}: formulas MathJax did not typeset: {untypeset}"
    raw_tex = page.evaluate(FIND_RAW_TEX)
    assert raw_tex == [], f"{docname}: raw TeX left on the page: {raw_tex}"
    broken = page.evaluate(BROKEN_IMAGES)
    assert broken == [], f"{docname}: images that did not load: {broken}"


def test_every_page_of_the_toc_was_built(built_book):
    missing = [name for name in PAGES if not (built_book / f"{name}.html").is_file()]
    assert missing == [], f"pages in _toc.yml with no HTML in {built_book}: {missing}"


def test_search_works_offline(open_page):
    page, visit = open_page("search")
    page.goto(page.url + "?q=softmax", wait_until="load")
    results = page.locator("#search-results ul.search li")
    results.first.wait_for(timeout=PAGE_TIMEOUT_MS)
    assert results.count() > 0, "searching the offline book for 'softmax' found no page"
    assert visit.outside_requests == [], f"search page requested {visit.outside_requests}"


def test_chapter_screenshot(open_page, artifacts_dir):
    page, visit = open_page(SCREENSHOT_PAGE)
    _wait_for_mathjax(page)
    page.evaluate(WAIT_FOR_IMAGES)
    page.evaluate(SET_THEME, "light")  # the page may be open from a diagram's test, which ends dark
    path = artifacts_dir / "ch1_word2vec_objective.png"
    page.screenshot(path=str(path), full_page=True)
    assert path.stat().st_size > 50_000, f"the screenshot {path} is suspiciously small (a blank page?)"
    print(f"screenshot: {path}")


SET_THEME = """mode => {
  document.documentElement.dataset.theme = mode;
  document.documentElement.dataset.mode = mode;
}"""


@pytest.mark.parametrize("name", sorted(DIAGRAM_PAGES))
def test_diagram_loads_and_reads_in_both_themes(open_page, artifacts_dir, name):
    """The figure of book/diagrams/<name>.svg loaded on its page; a screenshot of it in each theme."""
    page, visit = open_page(DIAGRAM_PAGES[name])
    page.evaluate(WAIT_FOR_IMAGES)
    image = page.locator(f'figure img[src$="/{name}.svg"]')
    assert image.count() == 1, f"{DIAGRAM_PAGES[name]}: no figure shows {name}.svg"
    assert image.evaluate("img => img.complete ? img.naturalWidth : 0") > 0, f"{name}.svg did not load"
    assert image.get_attribute("alt"), f"{name}.svg has no alt text on the page"
    assert image.bounding_box()["width"] >= 400, f"{name}.svg is drawn too small: {image.bounding_box()}"
    figure = page.locator(f'figure:has(img[src$="/{name}.svg"])')
    assert figure.locator("figcaption").inner_text().strip(), f"{name}.svg has no caption"
    try:
        for mode in ("light", "dark"):
            page.evaluate(SET_THEME, mode)
            css_filter = image.evaluate("img => getComputedStyle(img).filter")
            assert ("invert" in css_filter) == (mode == "dark"), f"{name}.svg in {mode} mode: filter {css_filter!r}"
            path = artifacts_dir / f"diagram_{name}_{mode}.png"
            figure.screenshot(path=str(path))
            assert path.stat().st_size > 10_000, f"the screenshot {path} is suspiciously small"
            print(f"screenshot: {path}")
    finally:
        page.evaluate(SET_THEME, "light")  # the page stays open for the next test that reads it
