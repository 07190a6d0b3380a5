"""Build the book so that a change in `analysis/` or `data/` is never served from a stale cache.

jupyter-cache keys a notebook on its code cells only, so a new data value would not re-execute anything. We hash
the trees the notebooks read (`analysis/`, `data/`) into a stamp; when the stamp changes, the execution cache and
Sphinx's doctrees are cleared so every page is executed and read again.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

from analysis.paths import ROOT

INPUT_TREES = ("analysis", "data")
PAGE_TREES = ("chapters", "index.md", "_toc.yml", "_config.yml", "references.bib")
STAMP_NAME = ".inputs.sha256"
PAGES_STAMP_NAME = ".pages.sha256"


def tree_digest(root: Path, entries: tuple[str, ...]) -> str:
    """SHA-256 over the relative path and bytes of every file under `entries` (sorted, caches skipped)."""
    digest = hashlib.sha256()
    for entry in entries:
        base = root / entry
        files = [base] if base.is_file() else sorted(p for p in base.rglob("*") if p.is_file())
        for path in files:
            rel = path.relative_to(root).as_posix()
            if "__pycache__" in rel or ".ipynb_checkpoints" in rel:
                continue
            digest.update(rel.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


# What the figure exports are made from: the code and data that draw them, the citation metadata, the shipped font.
# Page sources and the table of contents give each figure its number ("Figure 3.1"), which its citation states.
EXPORT_INPUTS = ("analysis", "data", "CITATION.cff", "_static/fonts", "_toc.yml", "chapters", "index.md")


def export_figures_if_changed(root: Path = ROOT) -> list[str]:
    """Export every figure into _static/figures unless its inputs are identical to those of the last export.

    Rendering and even importing the chart stack take seconds; a no-change `make book` should not pay for them.
    """
    stamp = root / "_build" / ".figures-inputs.sha256"
    digest = tree_digest(root, EXPORT_INPUTS)
    if stamp.exists() and stamp.read_text().strip() == digest and (root / "_static/figures/figures.json").exists():
        return ["figures unchanged since the last export (inputs identical): nothing to do"]
    from analysis.figures import export_all

    lines = export_all()
    stamp.parent.mkdir(exist_ok=True)
    stamp.write_text(digest + "\n")
    return lines


def publish_data(root: Path = ROOT) -> None:
    """Copy the curated CSVs and datapackage.json to _static/data/ so the site offers them for download."""
    target = root / "_static" / "data"
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    for path in sorted((root / "data").glob("*")):
        if path.suffix in (".csv", ".json"):
            shutil.copy2(path, target / path.name)


def prime_execution_cache(root: Path, timeout_s: int = 300) -> list[str]:
    """Fill the execution cache so myst-nb executes nothing itself; return one line per notebook.

    A notebook whose committed outputs are current (`analysis.notebooks.is_current`) is cached as it is: its
    outputs are what today's code produces, so a clean build does not pay for executing it again. The others
    are executed with jupyter-cache's parallel executor (one process per core); a notebook that fails there is
    left uncached, so the book build executes it again and reports the error.
    """
    from jupyter_cache import get_cache
    from jupyter_cache.base import CachingError
    from jupyter_cache.executors import load_executor

    from analysis.notebooks import is_current, shared_digest

    cache = get_cache(str(root / "_build" / ".jupyter_cache"))
    notebooks = sorted((root / "chapters").glob("*.ipynb")) if (root / "chapters").is_dir() else []
    notebooks += sorted(root.glob("*.ipynb"))
    lines, stale, shared = [], [], shared_digest(root)
    for path in notebooks:
        if is_current(path, root, shared):
            cache.cache_notebook_file(str(path), check_validity=False, overwrite=True)
            lines.append(f"{path.relative_to(root)}: committed outputs are current")
        else:
            try:  # a result cached for the same code cells may predate a change the digest sees
                cache.remove_cache(cache.match_cache_file(str(path)).pk)
            except (KeyError, CachingError):
                pass
            cache.add_nb_to_project(str(path))
            stale.append(path)
            lines.append(f"{path.relative_to(root)}: inputs changed since its outputs were committed: executing")
    if stale:
        load_executor("local-parallel", cache=cache).run_and_cache(timeout=timeout_s)
    return lines


SITE_STAMP_NAME = ".site.sha256"
# What the built HTML is made from besides the input and page trees (the published data copies in _static/data
# are made from data/); "releases" holds the snapshots the changelog compares (the Numbers pages come from it).
SITE_INPUTS = ("CITATION.cff", "uv.lock", "releases")


def site_digest(root: Path, trees: tuple[str, ...]) -> str:
    """Digest of `trees` and of `_static/` (but not its published data copies, which the build makes)."""
    static = root / "_static"
    static_trees = (
        [f"_static/{p.name}" for p in sorted(static.iterdir()) if p.name != "data"] if static.is_dir() else []
    )
    return tree_digest(root, tuple(e for e in (*trees, *static_trees) if (root / e).exists()))


def _stamp_changed(stamp: Path, digest: str) -> bool:
    return not stamp.exists() or stamp.read_text().strip() != digest


def build_book(
    root: Path = ROOT, input_trees: tuple[str, ...] = INPUT_TREES, page_trees: tuple[str, ...] = PAGE_TREES
) -> None:
    """Run `jupyter-book build -W -n --keep-going`, first clearing caches that the inputs have outdated."""
    build = root / "_build"
    build.mkdir(exist_ok=True)
    site_trees, site_stamp = (*input_trees, *page_trees, *SITE_INPUTS), build / SITE_STAMP_NAME
    # The generated pages below are made from files this digest covers, so an unchanged digest means they are
    # current too (and the check need not import the package's data stack).
    if (build / "html" / "index.html").is_file() and not _stamp_changed(site_stamp, site_digest(root, site_trees)):
        print("nothing the site is made from changed since the last build: _build/html is current", flush=True)
        return
    site_stamp.unlink(missing_ok=True)  # a failed build must not leave a stamp that says "current"
    if list((root / "data" / "editorial").glob("numbers_*.yaml")):  # the Numbers appendix, changelog, numbers.json
        from analysis.numbers import write_outputs

        for line in write_outputs(root):
            print(line, flush=True)
    site = site_digest(root, site_trees)
    inputs_stamp, pages_stamp = build / STAMP_NAME, build / PAGES_STAMP_NAME
    inputs = tree_digest(root, input_trees)
    pages = tree_digest(root, tuple(e for e in page_trees if (root / e).exists()))
    inputs_changed, pages_changed = _stamp_changed(inputs_stamp, inputs), _stamp_changed(pages_stamp, pages)
    if inputs_changed:
        print("analysis/ or data/ changed since the last build: clearing the execution cache", flush=True)
        shutil.rmtree(build / ".jupyter_cache", ignore_errors=True)
        shutil.rmtree(build / ".doctrees", ignore_errors=True)
    if (root / "data" / "datapackage.json").exists():
        publish_data(root)
    if inputs_changed or pages_changed:  # nothing changed: every notebook's result is cached already
        for line in prime_execution_cache(root):
            print(line, flush=True)
    cmd = [
        str(Path(sys.executable).with_name("jupyter-book")),
        "build",
        str(root),
        "-W",
        "-n",
        "--keep-going",
    ]
    # A page can paste numbers glued in another page: when any page changed, re-read all (execution stays cached).
    if pages_changed:
        cmd.append("--all")
    subprocess.run(cmd, check=True, cwd=root)
    inputs_stamp.write_text(inputs + "\n")
    pages_stamp.write_text(pages + "\n")
    site_stamp.write_text(site + "\n")
