"""Write every registered figure to files a reader can download and cite, byte-identical from run to run.

For each figure `<id>`: `<id>.svg`, `<id>.png` (2x), `<id>.csv` (exactly the plotted rows), `<id>.vl.json`
(the Vega-Lite spec, data inlined; the downloads carry an imprint line with the report's name, version, address
and licence), plus one manifest `figures.json` describing all of them (title, caption, alt
text, units, datasets, source, data-as-of date, page and anchor, report version, citation text and BibTeX).

Run it with `python -m analysis figures export` (`make book` does, before Sphinx copies `_static/`). It never
runs inside notebooks: a cached notebook would skip it (see DESIGN.md, pitfalls).

Determinism: JSON with sorted keys and no timestamps; SVG and PNG come from vl-convert, which needs no browser
and draws text with the shipped font (`analysis.drawing.register_fonts`); the PNG keeps only its image chunks
(`_strip_png`), so no encoder metadata can vary.
"""

from __future__ import annotations

import contextlib
import json
import struct
import zlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from analysis.citation import DATA_AS_OF, ReportMeta, item_citation, report_meta
from analysis.paths import FIGURES_DIR

if TYPE_CHECKING:
    from analysis.figures import Figure

# Download kind -> file suffix, in the order the downloads line shows them.
DOWNLOADS = {"png": ".png", "svg": ".svg", "csv": ".csv", "vega_lite": ".vl.json"}
EXPORT_SUFFIXES = tuple(DOWNLOADS.values())
MANIFEST_NAME = "figures.json"
PNG_SCALE = 2


def page_url_path(fig: Figure) -> str:
    """The figure's address relative to the site root: `chapters/<page>.html#<id>`."""
    return f"{fig.page}.html#{fig.id}"


def citation(fig: Figure, meta: ReportMeta | None = None, labels: dict[str, str] | None = None) -> dict[str, str]:
    """Plain-text citation and BibTeX entry for one figure (the same text on the page and in figures.json):
    the number the page shows (`labels`: `analysis.pages.figure_labels()`, when the caller has it) and the
    permanent id, and the data providers as the figure's source line names them."""
    from analysis.pages import figure_labels

    credit = fig.source.removeprefix("Source:").strip()
    label = (figure_labels() if labels is None else labels).get(fig.id)
    return item_citation(fig.id, fig.title, page_url_path(fig), kind="Figure", meta=meta, label=label, credit=credit)


def column_dictionary(fig: Figure, df: pd.DataFrame) -> list[dict[str, str]]:
    """What each column of the figure's CSV holds: the description and unit its dataset declares for a field of
    that name, else the unit its name's suffix implies (the report's naming rule) and the figure's units line."""
    from analysis import data

    declared: dict[str, dict] = {}
    for name in fig.datasets:
        for field in data.resource(name)["schema"]["fields"]:
            declared.setdefault(field["name"], field)
    out = []
    for col in df.columns:
        field = declared.get(col, {})
        unit = field.get("unit") or next((u for sfx, u in data.UNIT_BY_SUFFIX.items() if col.endswith(sfx)), "")
        description = field.get("description") or f"computed for this figure ({fig.units})"
        out.append({"name": str(col), "unit": unit, "description": description})
    return out


def manifest_entry(
    fig: Figure, meta: ReportMeta | None = None, df: pd.DataFrame | None = None, labels: dict[str, str] | None = None
) -> dict[str, Any]:
    """One figure's record in figures.json (`df`, `labels`: its plotted rows and the figure labels, when the
    caller has them already)."""
    from analysis.pages import figure_labels

    meta = meta or report_meta()
    labels = figure_labels() if labels is None else labels
    cite = citation(fig, meta, labels)
    return {
        "id": fig.id,
        "label": labels.get(fig.id),
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
        "csv_columns": column_dictionary(fig, fig.plotted() if df is None else df),
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

    from analysis import drawing

    drawing.register_fonts()
    svg = vlc.vegalite_to_svg(spec, vl_version=drawing.vl_version(), allowed_base_urls=[])
    # The PNG is rasterised from that SVG: the same image vegalite_to_png gives, without running Vega again.
    return svg, _strip_png(vlc.svg_to_png(svg, scale=PNG_SCALE))


def imprinted(spec: dict[str, Any], meta: ReportMeta | None = None) -> dict[str, Any]:
    """The spec of the downloadable files: the page's chart with a line under its source line naming the report,
    its version, address and licence, so an image copied on its own still says where it comes from."""
    import copy

    from analysis.citation import licence_label

    m = meta or report_meta()
    out = copy.deepcopy(spec)
    try:
        source = out["vconcat"][0]["title"]  # analysis.charts.finish: the source line is the plot's bottom title
    except (KeyError, IndexError, TypeError):
        raise ValueError(
            "not a finished figure (analysis.charts.finish): no source line to add the imprint to"
        ) from None
    lines = source["text"] if isinstance(source["text"], list) else [source["text"]]
    source["text"] = [*lines, f"{m.title} · version {m.version} · {m.url} · {licence_label(m.licence)}"]
    return out


def _stored_images(fig: Figure, out_dir: Path, spec_bytes: bytes) -> tuple[bytes, bytes] | None:
    """The SVG and PNG on disk, when they were drawn from exactly this spec.

    Rendering dominates the export: an unchanged spec (same data, same chart) gives the same images, since
    vl-convert and the font are pinned, so the images on disk are reused."""
    svg_path, png_path, spec_path = (out_dir / f"{fig.id}{suffix}" for suffix in (".svg", ".png", ".vl.json"))
    if spec_path.exists() and spec_path.read_bytes() == spec_bytes and svg_path.exists() and png_path.exists():
        return svg_path.read_bytes(), png_path.read_bytes()
    return None


def _rendered(spec: dict[str, Any]) -> tuple[bytes, bytes]:
    svg, png = render(spec)
    return svg.encode("utf-8"), png


def _write_figure(fig: Figure, out_dir: Path, df: pd.DataFrame, spec_bytes: bytes, images: tuple) -> list[Path]:
    """Write `<id>.svg|png|csv|vl.json` for one figure (`df`: its plotted rows); returns the paths written."""
    svg_bytes, png = images
    outputs = {
        f"{fig.id}.svg": svg_bytes,
        f"{fig.id}.png": png,
        f"{fig.id}.csv": data_csv(df).encode("utf-8"),
        f"{fig.id}.vl.json": spec_bytes,
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
    from concurrent.futures import Future, ProcessPoolExecutor
    from multiprocessing import get_context

    from analysis.figures import all_figures
    from analysis.pages import figure_labels

    out_dir.mkdir(parents=True, exist_ok=True)
    figures = dict(sorted((all_figures() if figures is None else figures).items()))
    meta, labels = report_meta(), figure_labels()
    lines, written = [], {out_dir / MANIFEST_NAME}
    entries, jobs = [], []
    # Images are drawn in worker processes while this one builds the next specs (a clean export takes half the
    # time on two cores); files are written here, in id order, so the output does not depend on the scheduling.
    # A few figures are drawn here: starting the workers would cost more than it saves.
    pool = ProcessPoolExecutor(max_workers=2, mp_context=get_context("spawn")) if len(figures) > 4 else None
    with pool or contextlib.nullcontext():
        for fig in figures.values():
            df = fig.plotted()
            spec = imprinted(fig.spec(df))
            spec_bytes = spec_json(spec).encode("utf-8")
            images = _stored_images(fig, out_dir, spec_bytes) or (
                pool.submit(_rendered, spec) if pool else _rendered(spec)
            )
            jobs.append((fig, df, spec_bytes, images))
            entries.append(manifest_entry(fig, meta, df, labels))
        for fig, df, spec_bytes, images in jobs:
            done = images.result() if isinstance(images, Future) else images
            paths = _write_figure(fig, out_dir, df, spec_bytes, done)
            written.update(paths)
            sizes = ", ".join(f"{p.name.removeprefix(fig.id + '.')} {p.stat().st_size / 1024:.0f} kB" for p in paths)
            lines.append(f"{fig.id}: {sizes}")
    manifest = {
        "report": {"title": meta.title, "version": meta.version, "url": meta.url, "data_as_of": DATA_AS_OF},
        "figures": entries,
    }
    _write_if_changed(out_dir / MANIFEST_NAME, spec_json(manifest).encode("utf-8"))
    for stale in sorted(out_dir.iterdir()):
        if stale.is_file() and stale not in written and stale.name.endswith(EXPORT_SUFFIXES):
            stale.unlink()
            lines.append(f"removed stale {stale.name}")
    lines.append(f"{len(figures)} figure(s) and {MANIFEST_NAME} in {out_dir}")
    return lines
