"""`make bench`: measure what the performance targets promise and print it; never asserts.

Targets (this 2-core machine): clean build (figure export + book, empty caches) <= 30 s; a no-change `make book`
<= 2.5 s; `make test` in a lone clone of the committed HEAD <= 180 s; chapter pages <= 1.5 MB.
`python -m analysis bench --no-clone` skips the lone-clone run (it takes minutes).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from analysis.paths import BUILD_DIR, FIGURES_DIR, HTML_DIR, ROOT

TARGETS = {"clean_build_s": 30.0, "noop_make_book_s": 2.5, "lone_clone_make_test_s": 180.0, "page_mb": 1.5}


def _timed(cmd: list[str], cwd: Path = ROOT, env: dict[str, str] | None = None) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, cwd=cwd, stdout=subprocess.DEVNULL, env=env)
    return time.perf_counter() - start


def _module(*args: str) -> list[str]:
    return [sys.executable, "-m", "analysis", *args]


def _decline_table_s() -> float:
    from analysis.data import load
    from analysis.trends import decline_table

    models = load("models")
    start = time.perf_counter()
    decline_table(models, date="release_date", price="usd_per_mtok_blended_3to1")
    return time.perf_counter() - start


def _lone_clone_make_test_s() -> float:
    """`make test` in a fresh clone of HEAD in an empty temporary folder (nothing beside it)."""
    with tempfile.TemporaryDirectory() as tmp:
        clone = Path(tmp) / "inference-era"
        subprocess.run(["git", "clone", "--quiet", "--no-hardlinks", str(ROOT), str(clone)], check=True)
        # As from a new shell: not inside this checkout's environment (which `uv run` announces in VIRTUAL_ENV).
        env = {key: value for key, value in os.environ.items() if key != "VIRTUAL_ENV"}
        return _timed(["make", "test"], cwd=clone, env=env)


def run_bench(lone_clone: bool = True) -> dict:
    """Clean build, then a no-change `make book`, then (optionally) `make test` in a lone clone; page sizes."""
    shutil.rmtree(BUILD_DIR, ignore_errors=True)
    shutil.rmtree(FIGURES_DIR, ignore_errors=True)
    clean = _timed(_module("figures", "export")) + _timed(_module("build"))
    noop = _timed(["make", "--no-print-directory", "book"])
    pages = {p.relative_to(HTML_DIR).as_posix(): p.stat().st_size for p in sorted(HTML_DIR.rglob("*.html"))}
    result = {
        "clean_build_s": round(clean, 1),
        "noop_make_book_s": round(noop, 2),
        "decline_table_s": round(_decline_table_s(), 3),
        "page_bytes": pages,
    }
    if lone_clone:
        result["lone_clone_make_test_s"] = round(_lone_clone_make_test_s(), 1)
    (BUILD_DIR / "bench.json").write_text(json.dumps(result, indent=2, sort_keys=True) + "\n")
    rows = [
        ("clean build (s)", clean, TARGETS["clean_build_s"]),
        ("no-change make book (s)", noop, TARGETS["noop_make_book_s"]),
        ("decline_table, all benchmarks (s)", result["decline_table_s"], 2),
    ]
    if lone_clone:
        rows.append(
            ("make test in a lone clone (s)", result["lone_clone_make_test_s"], TARGETS["lone_clone_make_test_s"])
        )
    rows += [
        (f"page {page} (MB)", size / 1e6, TARGETS["page_mb"])
        for page, size in pages.items()
        if page.startswith(("chapters/", "index"))
    ]
    print(f"{'measure':<44}{'value':>10}{'target':>10}  ok")
    for label, value, target in rows:
        print(f"{label:<44}{value:>10.2f}{target:>10.1f}  {'yes' if value <= target else 'NO'}")
    print(f"written: {(BUILD_DIR / 'bench.json').relative_to(ROOT)}")
    return result
