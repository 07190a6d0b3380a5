"""Citations of the report, its figures and its datasets, all derived from CITATION.cff (never retyped)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from analysis.paths import ROOT

# The report's "data as of" date: every citation states it, and curation uses it as `accessed` when a source row
# records none.
DATA_AS_OF = "2026-11-26"
CITATION_FILE = ROOT / "CITATION.cff"


@dataclass(frozen=True)
class ReportMeta:
    """What a citation of the report needs, read from CITATION.cff (the one place these are written)."""

    title: str
    authors: str
    version: str
    date_released: str
    licence: str
    url: str
    repository: str


@cache
def report_meta(citation_file: Path = CITATION_FILE) -> ReportMeta:
    """Title, authors, version, release date and URLs of the report, from CITATION.cff."""
    cff = yaml.safe_load(citation_file.read_text(encoding="utf-8"))
    authors = " and ".join(
        a.get("name") or f"{a.get('given-names', '')} {a.get('family-names', '')}".strip() for a in cff["authors"]
    )
    return ReportMeta(
        title=cff["title"],
        authors=authors,
        version=str(cff["version"]),
        date_released=str(cff["date-released"]),
        licence=cff.get("license", ""),
        url=cff.get("url", cff.get("repository-code", "")),
        repository=cff.get("repository-code", ""),
    )


def bibtex_escape(text: str) -> str:
    """Escape the characters that BibTeX/LaTeX would otherwise interpret (titles carry numbers such as "30%")."""
    out = text.replace("\\", r"\textbackslash{}")
    for char in "&%$#_{}":
        out = out.replace(char, "\\" + char)
    return out.replace("~", r"\textasciitilde{}").replace("^", r"\textasciicircum{}")


def _bibtex(entry_type: str, key: str, fields: dict[str, str]) -> str:
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields.items())
    return f"@{entry_type}{{{key},\n{body}\n}}"


def report_citation(meta: ReportMeta | None = None) -> dict[str, str]:
    """Plain text and BibTeX for the report as a whole."""
    m = meta or report_meta()
    year = m.date_released[:4]
    text = f"{m.authors} ({year}). {m.title}. Version {m.version}, {m.date_released}. {m.url}"
    fields = {
        "author": "{" + bibtex_escape(m.authors) + "}",
        "title": bibtex_escape(m.title),
        "institution": "{" + bibtex_escape(m.authors) + "}",
        "year": year,
        "version": m.version,
        "url": m.url,
        "note": f"Version {m.version}, released {m.date_released}, data as of {DATA_AS_OF}; licence {m.licence}",
    }
    return {"text": text, "bibtex": _bibtex("techreport", f"inference_era_{year}", fields)}


def item_citation(
    item_id: str, title: str, url_path: str, kind: str = "Figure", meta: ReportMeta | None = None
) -> dict[str, str]:
    """Plain text and BibTeX for one figure or dataset of the report, at `url_path` under the site's URL."""
    m = meta or report_meta()
    year = DATA_AS_OF[:4]
    url = m.url.rstrip("/") + "/" + url_path.lstrip("/") if m.url else url_path
    text = (
        f"{m.authors} ({year}). {kind} {item_id}: {title.rstrip('.')}. "
        f"In: {m.title}, version {m.version}, data as of {DATA_AS_OF}. {url}"
    )
    fields = {
        "author": "{" + bibtex_escape(m.authors) + "}",
        "title": "{" + kind + " " + bibtex_escape(item_id) + "}: " + bibtex_escape(title),
        "howpublished": f"In: {bibtex_escape(m.title)}, version {bibtex_escape(m.version)}",
        "year": year,
        "note": f"Data as of {DATA_AS_OF}",
        "url": url,
    }
    return {"text": text, "bibtex": _bibtex("misc", item_id.replace("-", "_"), fields)}
