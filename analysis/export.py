"""Write every registered figure to files a reader can download and cite, byte-identical from run to run.

For each figure `<id>`: `<id>.svg`, `<id>.png` (2x), `<id>.csv` (exactly the plotted rows), `<id>.vl.json`
(the Vega-Lite spec, data inlined), plus one manifest `figures.json` describing all of them (title, caption, alt
text, units, datasets, source, data-as-of date, page and anchor, report version, citation text and BibTeX).

Run it with `python -m analysis figures export` (`make book` does, before Sphinx copies `_static/`). It never
runs inside notebooks: a cached notebook would skip it (see DESIGN.md, pitfalls).

Determinism: JSON with sorted keys and no timestamps; SVG and PNG come from vl-convert, which needs no browser
and draws text with the shipped font (`analysis.charts.register_fonts`); the PNG keeps only its image chunks
(`_strip_png`), so no encoder metadata can vary.
"""

from __future__ import annotations

import json
import struct
import zlib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import altair as alt
import pandas as pd
import yaml

from analysis.paths import FIGURES_DIR, ROOT

if TYPE_CHECKING:
    from analysis.figures import Figure

# The report's "data as of" date: every figure states it, and curation uses it as `accessed` when a source row
# records none.
DATA_AS_OF = "2026-11-26"
CITATION_FILE = ROOT / "CITATION.cff"
# Download kind -> file suffix, in the order the downloads line shows them.
DOWNLOADS = {"png": ".png", "svg": ".svg", "csv": ".csv", "vega_lite": ".vl.json"}
EXPORT_SUFFIXES = tuple(DOWNLOADS.values())
MANIFEST_NAME = "figures.json"
PNG_SCALE = 2


@dataclass(frozen=True)
class ReportMeta:
    """What a citation of the report needs, read from CITATION.cff (the one place these are written)."""

    title: str
    authors: str
    version: str
    url: str
    repository: str


@cache
def report_meta(citation_file: Path = CITATION_FILE) -> ReportMeta:
    """Title, authors, version and URLs of the report, from CITATION.cff."""
    cff = yaml.safe_load(citation_file.read_text(encoding="utf-8"))
    authors = " and ".join(
        a.get("name") or f"{a.get('given-names', '')} {a.get('family-names', '')}".strip() for a in cff["authors"]
    )
    return ReportMeta(
        title=cff["title"],
        authors=authors,
        version=str(cff["version"]),
        url=cff.get("url", cff.get("repository-code", "")),
        repository=cff.get("repository-code", ""),
    )


def page_url_path(fig: Figure) -> str:
    """The figure's address relative to the site root: `chapters/<page>.html#<id>`."""
    return f"{fig.page}.html#{fig.id}"


def _bibtex_escape(text: str) -> str:
    """Escape the characters that BibTeX/LaTeX would otherwise interpret."""
    out = text.replace("\\", r"\textbackslash{}")
    for char in "&%$#_{}":
        out = out.replace(char, "\\" + char)
    return out.replace("~", r"\textasciitilde{}").replace("^", r"\textasciicircum{}")


def citation(fig: Figure, meta: ReportMeta | None = None) -> dict[str, str]:
    """Plain-text citation and BibTeX entry for one figure (the same text on the page and in figures.json)."""
    meta = meta or report_meta()
    year = DATA_AS_OF[:4]
    url = meta.url.rstrip("/") + "/" + page_url_path(fig) if meta.url else page_url_path(fig)
    # Same shape as analysis.citation.item_citation (the report's other citations), plus the data-as-of date
    # and BibTeX escaping: titles carry computed numbers such as "30%" that BibTeX would read as a comment.
    text = (
        f"{meta.authors} ({year}). Figure {fig.id}: {fig.title.rstrip('.')}. "
        f"In: {meta.title}, version {meta.version}, data as of {DATA_AS_OF}. {url}"
    )
    key = fig.id.replace("-", "_")
    fields = {
        "author": "{" + _bibtex_escape(meta.authors) + "}",
        "title": "{Figure " + _bibtex_escape(fig.id) + "}: " + _bibtex_escape(fig.title),
        "howpublished": f"In: {_bibtex_escape(meta.title)}, version {_bibtex_escape(meta.version)}",
        "year": year,
        "note": f"Data as of {DATA_AS_OF}",
        "url": url,
    }
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields.items())
    return {"text": text, "bibtex": f"@misc{{{key},\n{body}\n}}"}


def manifest_entry(fig: Figure, meta: ReportMeta | None = None) -> dict[str, Any]:
    """One figure's record in figures.json."""
    meta = meta or report_meta()
    cite = citation(fig, meta)
    return {
        "id": fig.id,
        "title": fig.title,
        "caption": fig.caption,
        "alt": fig.alt,
        "units": fig.units,
        "datasets": list(fig.datasets),
        "source": fig.source,
        "data_as_of": DATA_AS_OF,
        "page": fig.page,
        "url_path": page_url_path(fig),
        "files": {kind: f"_static/figures/{fig.id}{suffix}" for kind, suffix in DOWNLOADS.items()},
        "report_version": meta.version,
        "citation": cite["text"],
        "bibtex": cite["bibtex"],
    }


def data_csv(df: pd.DataFrame) -> str:
    """The plotted rows as CSV: dates without a time part as YYYY-MM-DD, floats in shortest round-trip form."""
    out = df.copy()
    for col in out.columns:
        if pd.api.types.is_datetime64_any_dtype(out[col]):
            values = out[col]
            is_date = bool((values.dropna() == values.dropna().dt.normalize()).all())
            out[col] = values.dt.strftime("%Y-%m-%d" if is_date else "%Y-%m-%dT%H:%M:%S")
    return out.to_csv(index=False, lineterminator="\n")


def spec_json(spec: dict[str, Any]) -> str:
    """Canonical JSON text of a Vega-Lite spec (sorted keys, 2-space indent, trailing newline)."""
    return json.dumps(spec, sort_keys=True, indent=2, ensure_ascii=False) + "\n"


def _vl_version() -> str | None:
    """The Vega-Lite version vl-convert should use: the one Altair's schema targets (e.g. "6.4")."""
    import vl_convert as vlc

    major_minor = ".".join(alt.SCHEMA_VERSION.lstrip("v").split(".")[:2])
    return major_minor if major_minor in vlc.get_vegalite_versions() else None


def _png_chunks(png: bytes) -> list[tuple[bytes, bytes]]:
    pos, chunks = 8, []
    while pos < len(png):
        (length,) = struct.unpack(">I", png[pos : pos + 4])
        kind = png[pos + 4 : pos + 8]
        chunks.append((kind, png[pos + 8 : pos + 8 + length]))
        pos += 12 + length
    return chunks


def _strip_png(png: bytes) -> bytes:
    """Keep only IHDR, PLTE, tRNS, IDAT, IEND (and pHYs): no text, time or software chunks can vary."""
    keep = {b"IHDR", b"PLTE", b"tRNS", b"IDAT", b"IEND", b"pHYs"}
    out = [png[:8]]
    for kind, data in _png_chunks(png):
        if kind in keep:
            crc = zlib.crc32(kind + data) & 0xFFFFFFFF
            out.append(struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc))
    return b"".join(out)


def render(spec: dict[str, Any]) -> tuple[str, bytes]:
    """SVG text and PNG bytes (scale 2) of a Vega-Lite spec, drawn offline with the shipped font."""
    import vl_convert as vlc

    from analysis.charts import register_fonts

    register_fonts()
    version = _vl_version()
    svg = vlc.vegalite_to_svg(spec, vl_version=version, allowed_base_urls=[])
    png = vlc.vegalite_to_png(spec, vl_version=version, scale=PNG_SCALE, allowed_base_urls=[])
    return svg, _strip_png(png)


def export_figure(fig: Figure, out_dir: Path) -> list[Path]:
    """Write `<id>.svg|png|csv|vl.json` for one figure; returns the paths written."""
    df = fig.data()
    spec = fig.finished(df).to_dict()
    svg, png = render(spec)
    outputs = {
        f"{fig.id}.svg": svg.encode("utf-8"),
        f"{fig.id}.png": png,
        f"{fig.id}.csv": data_csv(df).encode("utf-8"),
        f"{fig.id}.vl.json": spec_json(spec).encode("utf-8"),
    }
    paths = []
    for name, payload in outputs.items():
        path = out_dir / name
        _write_if_changed(path, payload)
        paths.append(path)
    return paths


def _write_if_changed(path: Path, payload: bytes) -> None:
    """Write only when the bytes differ, so unchanged exports keep their mtime (Sphinx copies less)."""
    if not path.exists() or path.read_bytes() != payload:
        path.write_bytes(payload)


def export_all(out_dir: Path = FIGURES_DIR, figures: dict[str, Figure] | None = None) -> list[str]:
    """Export every registered figure (or `figures`) and the manifest into `out_dir`; one line per figure.

    Files in `out_dir` that belong to no exported figure (a renamed or removed id) are deleted, so the
    folder always mirrors the registry.
    """
    from analysis.figures import all_figures

    out_dir.mkdir(parents=True, exist_ok=True)
    figures = dict(sorted((all_figures() if figures is None else figures).items()))
    meta = report_meta()
    lines, written = [], {out_dir / MANIFEST_NAME}
    for fig_id, fig in figures.items():
        paths = export_figure(fig, out_dir)
        written.update(paths)
        sizes = ", ".join(f"{p.name.removeprefix(fig_id + '.')} {p.stat().st_size / 1024:.0f} kB" for p in paths)
        lines.append(f"{fig_id}: {sizes}")
    manifest = {
        "report": {"title": meta.title, "version": meta.version, "url": meta.url, "data_as_of": DATA_AS_OF},
        "figures": [manifest_entry(fig, meta) for fig in figures.values()],
    }
    _write_if_changed(out_dir / MANIFEST_NAME, spec_json(manifest).encode("utf-8"))
    for stale in sorted(out_dir.iterdir()):
        if stale.is_file() and stale not in written and stale.name.endswith(EXPORT_SUFFIXES):
            stale.unlink()
            lines.append(f"removed stale {stale.name}")
    lines.append(f"{len(figures)} figure(s) and {MANIFEST_NAME} in {out_dir}")
    return lines
