"""Tests of the built site (`make book` first; CI builds before running them).

- build: every registered figure has exactly one anchor, on its own page, and all its downloads exist; no page
  loads a script, stylesheet or font from another host; chapter pages stay under the weight budget.
- browser: tests/test_phone_charts.py has headless Chromium (every host but 127.0.0.1 unresolvable) draw every
  chart of every page, at phone and desktop width; formulas are MathML in the HTML (tests/test_page_assets.py).

Set INFERENCE_ERA_HTML to test a site built elsewhere (e.g. `--path-output /tmp/x` -> /tmp/x/_build/html).
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from analysis.export import DOWNLOADS, MANIFEST_NAME
from analysis.figures import all_figures
from analysis.paths import HTML_DIR

SITE = Path(os.environ.get("INFERENCE_ERA_HTML", HTML_DIR))
PAGE_BUDGET_BYTES = 1_500_000
EXTERNAL = re.compile(r"^(https?:)?//", re.IGNORECASE)
# <link rel> values that only name another page; every other rel (stylesheet, preload, icon, ...) fetches.
NAVIGATION_RELS = {"next", "prev", "index", "search", "canonical", "alternate", "author", "license", "help"}
CHART_CONTAINER = re.compile(r'<div id="((?:vega-fig|altair-viz)-[\w-]+)"')
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    # Any request to another host fails, so a chart that still reached for a CDN would not draw.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
    "--virtual-time-budget=8000",
]


@pytest.fixture(scope="module")
def site() -> Path:
    if not (SITE / "index.html").is_file():
        pytest.fail(f"no built site at {SITE}: run `make book` (or set INFERENCE_ERA_HTML) before these tests")
    return SITE


@functools.cache
def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def _pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if "_static" not in p.relative_to(site).parts)


# ---- build ----------------------------------------------------------------------------------------------


@pytest.mark.build
def test_every_figure_has_one_anchor_on_its_page_and_all_downloads(site):
    figures = all_figures()
    pages = _pages(site)
    exported = site / "_static" / "figures"
    manifest = exported / MANIFEST_NAME
    assert manifest.is_file(), "figures.json missing: run `python -m analysis figures export` before the build"
    problems = []
    for fig in figures.values():
        page = site / f"{fig.page}.html"
        if not page.is_file():
            problems.append(f"{fig.id}: page {fig.page} was not built")
            continue
        anchors = {p: len(_soup(p).find_all(id=fig.id)) for p in pages}
        if anchors[page] != 1:
            problems.append(f"{fig.id}: {anchors[page]} anchors on {fig.page} (expected 1)")
        elsewhere = [p.relative_to(site).as_posix() for p, n in anchors.items() if n and p != page]
        if elsewhere:
            problems.append(f"{fig.id}: also anchored on {elsewhere}")
        for suffix in DOWNLOADS.values():
            path = exported / f"{fig.id}{suffix}"
            if not path.is_file() or path.stat().st_size == 0:
                problems.append(f"{fig.id}: missing or empty download {path.name}")
    assert not problems, "\n".join(problems)
    listed = {f["id"] for f in json.loads(manifest.read_text())["figures"]}
    assert listed == set(figures), "figures.json is stale: re-export before building"


def _css_urls(css: str) -> list[str]:
    return re.findall(r"url\(\s*['\"]?([^'\")]+)", css) + re.findall(r"@import\s+['\"]([^'\"]+)", css)


@pytest.mark.build
def test_no_page_loads_anything_from_another_host(site):
    offenders = []
    for page in _pages(site):
        soup = _soup(page)
        name = page.relative_to(site).as_posix()
        for tag in soup.find_all("script", src=True):
            if EXTERNAL.match(tag["src"]):
                offenders.append(f"{name}: <script src={tag['src']}>")
        for tag in soup.find_all("link", href=True):
            rels = set(tag.get("rel") or [])
            if EXTERNAL.match(tag["href"]) and not rels <= NAVIGATION_RELS:
                offenders.append(f"{name}: <link rel={sorted(rels)} href={tag['href']}>")
        for tag in soup.find_all(["img", "iframe", "source", "audio", "video"], src=True):
            if EXTERNAL.match(tag["src"]):
                offenders.append(f"{name}: <{tag.name} src={tag['src']}>")
        for style in soup.find_all("style"):
            offenders += [f"{name}: <style> url({u})" for u in _css_urls(style.get_text()) if EXTERNAL.match(u)]
    for css in sorted((site / "_static").rglob("*.css")):
        urls = _css_urls(css.read_text(encoding="utf-8", errors="replace"))
        offenders += [f"{css.relative_to(site)}: url({u})" for u in urls if EXTERNAL.match(u)]
    assert not offenders, "third-party assets:\n" + "\n".join(offenders)


@pytest.mark.build
def test_chapter_pages_stay_under_the_weight_budget(site):
    chapters = sorted((site / "chapters").glob("*.html"))
    assert chapters, f"no chapter pages in {site / 'chapters'}"
    heavy = {p.name: p.stat().st_size for p in chapters if p.stat().st_size >= PAGE_BUDGET_BYTES}
    assert not heavy, f"pages over {PAGE_BUDGET_BYTES:,} bytes: {heavy}"


# ---- browser --------------------------------------------------------------------------------------------


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:  # keep pytest output readable
        pass


def _chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if not found:
        pytest.fail("headless Chromium not found: `apt-get install chromium` (.ci/run installs it)")
    return found
