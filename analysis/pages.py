"""The report's pages as sources: titles (figure and number indexes quote them), without importing the chart stack."""

from __future__ import annotations

import json
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
