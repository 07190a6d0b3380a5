"""Where things live. Every path is derived from the repository root, never from the working directory."""

from __future__ import annotations

from pathlib import Path

ROOT: Path = Path(__file__).resolve().parent.parent
DATA_DIR: Path = ROOT / "data"
DATAPACKAGE: Path = DATA_DIR / "datapackage.json"
CHAPTERS_DIR: Path = ROOT / "chapters"
STATIC_DIR: Path = ROOT / "_static"
FIGURES_DIR: Path = STATIC_DIR / "figures"
FONTS_DIR: Path = STATIC_DIR / "fonts"  # the report font (IBM Plex Sans), for the pages and for vl-convert
BUILD_DIR: Path = ROOT / "_build"
HTML_DIR: Path = BUILD_DIR / "html"
# Upstream files exactly as obtained, one folder per source (each with its README); curation reads them, nothing
# else does. Their checksums are in data/raw/MANIFEST.sha256 (see analysis.raw).
RAW_DIR: Path = DATA_DIR / "raw"
SOURCES_DIR: Path = RAW_DIR
# What a person entered (claims, verdict reasons, priors, overrides, notes), each row sourced and graded.
EDITORIAL_DIR: Path = DATA_DIR / "editorial"
