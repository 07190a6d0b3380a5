"""The WOFF2 copies the pages load are what `analysis.webfonts` makes from the shipped TTFs, and cover the charts."""

from __future__ import annotations

import json
import re

from analysis import webfonts
from analysis.paths import ROOT


def test_committed_webfonts_are_made_from_the_shipped_ttfs():
    for face in webfonts.FACES:
        committed = (webfonts.WOFF2_DIR / f"{face}.woff2").read_bytes()
        assert committed == webfonts.woff2_bytes(webfonts.TTF_DIR / f"{face}.ttf"), (
            f"_static/webfonts/{face}.woff2 is stale: run `python -m analysis webfonts`"
        )


def test_the_subset_holds_every_character_a_chart_draws():
    """Read from the charts the committed notebooks embed (both layouts; nbval keeps them current)."""
    covered = set(webfonts.unicodes())
    for nb_path in sorted((ROOT / "chapters").glob("*.ipynb")):
        for cell in json.loads(nb_path.read_text(encoding="utf-8"))["cells"]:
            for out in cell.get("outputs", []):
                html = "".join(out.get("data", {}).get("application/papermill.record/text/html", ""))
                if 'id="vega-fig-' not in html:
                    continue
                text = re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), html)
                missing = sorted({c for c in text if ord(c) >= 0x20 and ord(c) not in covered})
                assert not missing, f"{nb_path.name}: a chart writes {missing}; add their range to UNICODE_RANGES"


def test_the_stylesheet_loads_the_woff2_copies_first():
    css = (ROOT / "_static" / "report.css").read_text(encoding="utf-8")
    for face in webfonts.FACES:
        assert f'url("webfonts/{face}.woff2") format("woff2"), url("fonts/{face}.ttf")' in css
