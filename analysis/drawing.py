"""Charts as vl-convert draws them with the shipped font (no browser): the drawn size and text sizes of a spec.

Drawing a chart to measure it takes 0.1-0.2 s. The narrow layout is fitted by measuring it, every page measures
its desktop layout, and the tests measure both, so one checkout draws the same spec many times over. A drawing
depends only on the spec, vl-convert (which bundles Vega and Vega-Lite), the Vega-Lite version it is asked for and
the font files, so `measure` remembers it under a hash of all four, in memory and in `_build/cache/drawings/`
(one small JSON file per spec, written whole or not at all), shared by notebooks, exports and tests.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from analysis.paths import BUILD_DIR, FONTS_DIR

CACHE_DIR: Path = BUILD_DIR / "cache" / "drawings"
_MEMO: dict[str, dict[str, Any]] = {}


def register_fonts() -> None:
    """Make the shipped font available to vl-convert (SVG/PNG export). Safe to call more than once."""
    import vl_convert as vlc

    vlc.register_font_directory(str(FONTS_DIR))


def vl_version() -> str | None:
    """The Vega-Lite version vl-convert should use: the one Altair's schema targets (e.g. "6.4")."""
    import altair as alt
    import vl_convert as vlc

    major_minor = ".".join(alt.SCHEMA_VERSION.lstrip("v").split(".")[:2])
    return major_minor if major_minor in vlc.get_vegalite_versions() else None


@functools.cache
def _renderer_digest() -> str:
    """What a drawing depends on besides the spec: vl-convert's version, the Vega-Lite version, the font files."""
    import vl_convert as vlc

    digest = hashlib.sha256(f"vl-convert {vlc.__version__} vega-lite {vl_version()}".encode())
    for font in sorted(path for path in FONTS_DIR.iterdir() if path.is_file()):
        digest.update(font.name.encode() + b"\0" + font.read_bytes())
    return digest.hexdigest()


def measure(spec: dict[str, Any]) -> dict[str, Any]:
    """`{"width_px", "height_px", "font_sizes_px"}` of `spec` as drawn: the size of its SVG, and the distinct
    sizes of the texts in it, smallest first. Read-only: the result is shared by every caller."""
    text = json.dumps(spec, sort_keys=True, separators=(",", ":"))
    key = hashlib.sha256(f"{_renderer_digest()}\n{text}".encode()).hexdigest()
    if key not in _MEMO:
        path = CACHE_DIR / f"{key}.json"
        try:
            _MEMO[key] = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):  # not drawn yet (or a file cut short): draw it
            _MEMO[key] = _draw(spec)
            _store(path, _MEMO[key])
    return _MEMO[key]


def width_px(spec: dict[str, Any]) -> float:
    """The width in px of `spec` as drawn: its SVG's width."""
    return measure(spec)["width_px"]


def _draw(spec: dict[str, Any]) -> dict[str, Any]:
    import vl_convert as vlc

    register_fonts()
    drawn = vlc.vegalite_to_scenegraph(spec, vl_version=vl_version(), allowed_base_urls=[])
    sizes: set[float] = set()
    pending = [drawn["scenegraph"]]
    while pending:
        node = pending.pop()
        if isinstance(node, list):
            pending.extend(node)
        elif isinstance(node, dict):
            if node.get("marktype") == "text":
                sizes.update(float(item["fontSize"]) for item in node.get("items", []) if item.get("text"))
            pending.extend(value for value in node.values() if isinstance(value, list | dict))
    return {"width_px": float(drawn["width"]), "height_px": float(drawn["height"]), "font_sizes_px": sorted(sizes)}


def _store(path: Path, drawn: dict[str, Any]) -> None:
    """Write `drawn` to `path` through a temporary file in the same folder, so a reader never sees half of it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem[:12]}-", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(drawn, out)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
