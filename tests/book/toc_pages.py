"""The pages of the book, read from `_toc.yml`, so the browser test opens every page the book lists."""
from pathlib import Path

import yaml


def toc_docnames(toc_path: Path) -> list[str]:
    """Docnames (paths without suffix, e.g. ``book/intro``) of every page in a jb-book toc, in order."""
    toc = yaml.safe_load(toc_path.read_text(encoding="utf8"))
    if not isinstance(toc, dict) or toc.get("format") != "jb-book" or "root" not in toc:
        raise ValueError(f"{toc_path} is not a jb-book table of contents (needs `format: jb-book` and `root`)")
    return [_strip_suffix(toc["root"]), *_entries_docnames(toc)]


def _entries_docnames(node: dict) -> list[str]:
    docnames = []
    for key in ("parts", "chapters", "sections"):
        for entry in node.get(key, []):
            if "file" in entry:
                docnames.append(_strip_suffix(entry["file"]))
            docnames.extend(_entries_docnames(entry))
    return docnames


def _strip_suffix(path: str) -> str:
    for suffix in (".md", ".ipynb"):
        if path.endswith(suffix):
            return path[: -len(suffix)]
    return path
