"""Citations of the report, its figures and its datasets, all derived from CITATION.cff (never retyped)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from analysis.paths import ROOT

CITATION_FILE = ROOT / "CITATION.cff"
BOOK_CONFIG = ROOT / "_config.yml"


def book_substitutions(config_file: Path = BOOK_CONFIG) -> dict[str, str]:
    """The values pages paste as {{ name }}: the release's version and date, and the data-as-of date."""
    return yaml.safe_load(config_file.read_text(encoding="utf-8"))["parse"]["myst_substitutions"]


# The report's "data as of" date (the latest access date of its sources): every citation states it.
DATA_AS_OF: str = str(book_substitutions()["data_as_of"])


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


def licence_label(spdx: str) -> str:
    """An SPDX licence id as people write it: CC-BY-4.0 -> CC BY 4.0."""
    return spdx.replace("CC-", "CC ").replace("-", " ") if spdx.startswith("CC-") else spdx


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
    item_id: str,
    title: str,
    url_path: str,
    kind: str = "Figure",
    meta: ReportMeta | None = None,
    label: str | None = None,
    credit: str | None = None,
) -> dict[str, str]:
    """Plain text and BibTeX for one figure, number or dataset of the report, at `url_path` under the site's URL.

    `label` is what the page shows (e.g. "Figure 3.1"), cited beside the permanent id; `credit` names the data
    providers (their licences ask for it). A citing reader adds the date they accessed it: the page's cite block
    does so (`urldate` in BibTeX), the machine-readable manifests leave it to the reader.
    """
    m = meta or report_meta()
    year = m.date_released[:4]
    url = m.url.rstrip("/") + "/" + url_path.lstrip("/") if m.url else url_path
    named = f"{label} ({item_id})" if label else f"{kind} {item_id}"
    credit_text = f" Data: {credit.rstrip('.')}." if credit else ""
    licence = licence_label(m.licence)
    text = (
        f"{m.authors} ({year}). {named}: {title.rstrip('.')}. In: {m.title}, version {m.version} "
        f"({m.date_released}), data as of {DATA_AS_OF}. Licence {licence}.{credit_text} {url}"
    )
    fields = {
        "author": "{" + bibtex_escape(m.authors) + "}",
        "title": "{" + bibtex_escape(named) + "}: " + bibtex_escape(title),
        "howpublished": f"In: {bibtex_escape(m.title)}, version {bibtex_escape(m.version)}",
        "year": year,
        "note": f"Version {m.version} of {m.date_released}; data as of {DATA_AS_OF}; licence {licence}"
        + (f". Data: {bibtex_escape(credit.rstrip('.'))}" if credit else ""),
        "url": url,
    }
    return {"text": text, "bibtex": _bibtex("misc", item_id.replace("-", "_"), fields)}


def cite_block_html(cite: dict[str, str], summary: str, css_class: str) -> str:
    """The collapsible "Cite this ..." block of a page: the text with the reader's access date, and BibTeX.

    The access date is the day the reader opens the block (`_static/cite.js` fills it in; without JavaScript it
    reads "accessed [date]"); BibTeX gets the same date as `urldate`. The BibTeX is a `code` block that wraps, not
    a `<pre>`: the theme measures every `<pre>` on load, one forced style recalculation each, which on the Numbers
    appendix (400 blocks) held the main thread for most of a second on a phone.
    """
    from html import escape

    accessed = '<span class="cite-accessed">[date]</span>'
    body = escape(cite["bibtex"].rstrip().removesuffix("}").rstrip())
    return (
        f'<details class="{css_class}"><summary>{escape(summary)}</summary>\n'
        f"<p>{escape(cite['text'])} Accessed {accessed}.</p>\n"
        f'<code class="cite-bibtex">{body},\n  urldate = {{{accessed}}}\n}}</code>\n'
        "</details>"
    )
