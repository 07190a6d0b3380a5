"""The report's pages as sources: titles (figure and number indexes quote them), without importing the chart stack."""

from __future__ import annotations

import json
import re
from pathlib import Path

from analysis.paths import ROOT


def page_title(page: str, root: Path = ROOT) -> str:
    """The first Markdown heading of a page's source (notebook or .md), else the page name."""
    for suffix in (".ipynb", ".md"):
        path = root / f"{page}{suffix}"
        if not path.exists():
            continue
        if suffix == ".ipynb":
            cells = json.loads(path.read_text(encoding="utf-8")).get("cells", [])
            texts = ["".join(c.get("source", "")) for c in cells if c.get("cell_type") == "markdown"]
        else:
            texts = [path.read_text(encoding="utf-8")]
        for text in texts:
            for line in text.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return page.rsplit("/", 1)[-1]


def _markdown(path: Path) -> str:
    if path.suffix != ".ipynb":
        return path.read_text(encoding="utf-8")
    cells = json.loads(path.read_text(encoding="utf-8")).get("cells", [])
    return "\n".join("".join(c.get("source", "")) for c in cells if c.get("cell_type") == "markdown")


def toc_pages(root: Path = ROOT) -> list[tuple[str, int | None]]:
    """Every page in table-of-contents order with its chapter number (None on unnumbered pages)."""
    import yaml

    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))
    pages: list[tuple[str, int | None]] = [(toc["root"], None)]
    number = 0
    for part in toc.get("parts", []):
        for chapter in part.get("chapters", []):
            numbered = part.get("numbered", toc.get("options", {}).get("numbered", False))
            number += 1 if numbered else 0
            pages.append((chapter["file"], number if numbered else None))
    return pages


_FIGURE_NAME = re.compile(r"^:name:\s*(fig-[a-z0-9-]+)\s*$", re.MULTILINE)


def figure_labels(root: Path = ROOT) -> dict[str, str]:
    """Figure id -> the number the book shows ("Figure 3.1"; "Figure 2" on an unnumbered page), as Sphinx's numfig
    counts them: by chapter number and order of appearance on the page."""
    labels = {}
    for page, number in toc_pages(root):
        path = next((root / f"{page}{s}" for s in (".ipynb", ".md") if (root / f"{page}{s}").exists()), None)
        if path is None:
            continue
        for i, fig_id in enumerate(_FIGURE_NAME.findall(_markdown(path)), start=1):
            labels[fig_id] = f"Figure {number}.{i}" if number else f"Figure {i}"
    return labels
