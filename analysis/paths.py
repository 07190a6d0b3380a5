"""Where things live. Every path is derived from the repository root, never from the working directory."""

from __future__ import annotations

import os
from pathlib import Path

ROOT: Path = Path(__file__).resolve().parent.parent
DATA_DIR: Path = ROOT / "data"
DATAPACKAGE: Path = DATA_DIR / "datapackage.json"
CHAPTERS_DIR: Path = ROOT / "chapters"
STATIC_DIR: Path = ROOT / "_static"
FIGURES_DIR: Path = STATIC_DIR / "figures"
BUILD_DIR: Path = ROOT / "_build"
HTML_DIR: Path = BUILD_DIR / "html"
# The raw source material sits beside the repository (../shared/sources); curation reads it, nothing else does.
SOURCES_DIR: Path = Path(os.environ.get("INFERENCE_ERA_SOURCES", ROOT.parent / "shared" / "sources")).resolve()
