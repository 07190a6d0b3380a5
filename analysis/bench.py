"""`make bench`: measure what the performance targets promise and print it; never asserts.

Targets (2-core machine): clean build <= 90 s, no-change rebuild <= 10 s, chapter pages <= 1.5 MB.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time

from analysis.paths import BUILD_DIR, FIGURES_DIR, HTML_DIR, ROOT

TARGETS = {"clean_build_s": 90.0, "noop_rebuild_s": 10.0, "page_mb": 1.5}


def _timed(args: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "analysis", *args], check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def _decline_table_s() -> float:
    from analysis.data import load
    from analysis.trends import decline_table

    models = load("models")
    start = time.perf_counter()
    decline_table(models, date="release_date", price="usd_per_mtok_blended_3to1")
    return time.perf_counter() - start


def run_bench() -> dict:
    """Clean build (figures export + book, empty caches), then a no-change rebuild (the same two steps, as
    `make book` runs them); page sizes in bytes."""
    shutil.rmtree(BUILD_DIR, ignore_errors=True)
    shutil.rmtree(FIGURES_DIR, ignore_errors=True)
    clean = _timed(["figures", "export"]) + _timed(["build"])
    noop = _timed(["figures", "export"]) + _timed(["build"])
    pages = {p.relative_to(HTML_DIR).as_posix(): p.stat().st_size for p in sorted(HTML_DIR.rglob("*.html"))}
    result = {
        "clean_build_s": round(clean, 1),
        "noop_rebuild_s": round(noop, 1),
        "decline_table_s": round(_decline_table_s(), 3),
        "page_bytes": pages,
    }
    (BUILD_DIR / "bench.json").write_text(json.dumps(result, indent=2, sort_keys=True) + "\n")
    print(f"{'measure':<34}{'value':>12}{'target':>12}")
    print(f"{'clean build (s)':<34}{clean:>12.1f}{TARGETS['clean_build_s']:>12.0f}")
    print(f"{'no-change rebuild (s)':<34}{noop:>12.1f}{TARGETS['noop_rebuild_s']:>12.0f}")
    print(f"{'decline_table, all benchmarks (s)':<34}{result['decline_table_s']:>12.3f}{2:>12}")
    for page, size in pages.items():
        if page.startswith(("chapters/", "index")):
            print(f"{'page ' + page + ' (MB)':<34}{size / 1e6:>12.2f}{TARGETS['page_mb']:>12}")
    print(f"written: {(BUILD_DIR / 'bench.json').relative_to(ROOT)}")
    return result
