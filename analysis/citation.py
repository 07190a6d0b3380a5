"""Citations of the report, its figures and its datasets, all derived from CITATION.cff (never retyped)."""

from __future__ import annotations

from functools import cache
from typing import Any

import yaml

from analysis.paths import ROOT


@cache
def report_meta() -> dict[str, Any]:
    """The parsed CITATION.cff: title, version, date-released, authors, url, licence."""
    return yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))


def _authors(meta: dict[str, Any]) -> str:
    return " and ".join(a.get("name") or f"{a['family-names']}, {a['given-names']}" for a in meta["authors"])


def report_citation() -> dict[str, str]:
    """Plain text and BibTeX for the report as a whole."""
    m = report_meta()
    year = str(m["date-released"])[:4]
    text = f"{_authors(m)} ({year}). {m['title']}. Version {m['version']}, {m['date-released']}. {m['url']}"
    bibtex = (
        f"@techreport{{inference_era_{year},\n"
        f"  author = {{{{{_authors(m)}}}}},\n"
        f"  title = {{{m['title']}}},\n"
        f"  year = {{{year}}},\n"
        f"  version = {{{m['version']}}},\n"
        f"  url = {{{m['url']}}},\n"
        f"  note = {{Released {m['date-released']}; licence {m['license']}}}\n}}"
    )
    return {"text": text, "bibtex": bibtex}


def item_citation(item_id: str, title: str, url_path: str, kind: str = "Figure") -> dict[str, str]:
    """Plain text and BibTeX for one figure or dataset of the report, at `url_path` under the site's URL."""
    m = report_meta()
    year = str(m["date-released"])[:4]
    url = m["url"].rstrip("/") + "/" + url_path.lstrip("/")
    key = item_id.replace("-", "_")
    text = f"{_authors(m)} ({year}). {kind} {item_id}: {title}. In: {m['title']}, version {m['version']}. {url}"
    bibtex = (
        f"@misc{{{key},\n"
        f"  author = {{{{{_authors(m)}}}}},\n"
        f"  title = {{{{{kind} {item_id}}}: {title}}},\n"
        f"  howpublished = {{In: {m['title']}, version {m['version']}}},\n"
        f"  year = {{{year}}},\n"
        f"  url = {{{url}}}\n}}"
    )
    return {"text": text, "bibtex": bibtex}
