"""The web copies of the shipped font: IBM Plex Sans subset to the characters the report writes, as WOFF2.

Chart pages load both faces before they draw (Vega measures text in the face it draws with), so the fonts sit on
the path to the first paint. The TTFs in `_static/fonts/` (218 KB each, 107 KB compressed) stay the source and
what the SVG/PNG export draws with; the page loads these copies (about a fifth of the bytes), made by
`python -m analysis webfonts` and committed. A character outside the subset falls back to the next face of the
page's font stack. `tests/test_webfonts.py` checks that the committed files are what this module makes.
"""

from __future__ import annotations

import io
from pathlib import Path

from analysis.paths import ROOT

TTF_DIR = ROOT / "_static" / "fonts"
WOFF2_DIR = ROOT / "_static" / "webfonts"
FACES = ("IBMPlexSans-Regular", "IBMPlexSans-Bold")
# Latin with its Western European and Latin Extended-A letters, typographic punctuation and spaces,
# super/subscripts, currency signs, arrows and mathematical operators (the minus sign, x, <=, >=, about-equal).
UNICODE_RANGES = (
    (0x0020, 0x007E),
    (0x00A0, 0x017F),
    (0x2000, 0x206F),
    (0x2070, 0x209F),
    (0x20A0, 0x20CF),
    (0x2190, 0x21FF),
    (0x2200, 0x22FF),
)


def unicodes() -> list[int]:
    return [u for lo, hi in UNICODE_RANGES for u in range(lo, hi + 1)]


def woff2_bytes(ttf: Path) -> bytes:
    """One face subset to `UNICODE_RANGES`, hinting dropped (screens scale the outlines), as WOFF2."""
    from fontTools import subset

    options = subset.Options()
    options.flavor = "woff2"
    options.hinting = False
    options.desubroutinize = True
    font = subset.load_font(str(ttf), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=unicodes())
    subsetter.subset(font)
    out = io.BytesIO()
    subset.save_font(font, out, options)
    return out.getvalue()


def build() -> list[Path]:
    """Write the WOFF2 copy of each face (through a temporary file, so a failure leaves the old one whole)."""
    WOFF2_DIR.mkdir(parents=True, exist_ok=True)
    written = []
    for face in FACES:
        target = WOFF2_DIR / f"{face}.woff2"
        tmp = target.with_suffix(".woff2.tmp")
        tmp.write_bytes(woff2_bytes(TTF_DIR / f"{face}.ttf"))
        tmp.replace(target)
        written.append(target)
    return written
