"""Execute chapter notebooks in place, and tell whether their committed outputs are still current.

Each executed notebook records, in its metadata, a digest of everything its outputs depend on (`inputs_digest`):
the package and the data, the locked environment, the citation file and book config, its own code cells and
every page's headings and figure names (the figures appendix quotes page titles; a figure's citation names its
number on the page).
A notebook whose recorded digest equals today's holds outputs that the current code would produce (nbval proves
it in `make test`), so the book can render them without executing the notebook again; any change to those inputs
makes it stale, and the build executes it.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import nbformat

from analysis.paths import CHAPTERS_DIR, ROOT

# Volatile metadata that would make two executions of the same notebook differ byte for byte.
_VOLATILE_CELL_METADATA = ("execution",)
SHARED_INPUTS = ("analysis", "data", "uv.lock", "CITATION.cff", "_config.yml")
STAMP_KEY = "inference_era"  # notebook metadata: {"inputs_sha256": ...}


def _code_and_headings(path: Path) -> tuple[str, list[str]]:
    """The code cells of a notebook (or "" for a Markdown page) and the page's Markdown headings."""
    if path.suffix != ".ipynb":
        text = path.read_text(encoding="utf-8")
        return "", [line for line in text.splitlines() if line.startswith(("#", ":name:"))]
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    code = "\n\0".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")
    markdown = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
    return code, [line for line in markdown.splitlines() if line.startswith(("#", ":name:"))]


def _pages(root: Path) -> list[Path]:
    chapters = root / "chapters"
    return sorted([*chapters.glob("*.ipynb"), *chapters.glob("*.md"), *root.glob("*.md")])


def shared_digest(root: Path = ROOT) -> str:
    from analysis.build import tree_digest

    return tree_digest(root, SHARED_INPUTS)


def inputs_digest(path: Path, root: Path = ROOT, shared: str | None = None) -> str:
    """SHA-256 of what the outputs of notebook `path` depend on (see the module docstring); `shared` is
    `shared_digest(root)` when the caller has it already."""
    digest = hashlib.sha256((shared or shared_digest(root)).encode())
    digest.update(_code_and_headings(path)[0].encode())
    for page in _pages(root):
        digest.update(page.name.encode() + b"\0" + "\n".join(_code_and_headings(page)[1]).encode())
    return digest.hexdigest()


def recorded_digest(path: Path) -> str | None:
    meta = json.loads(path.read_text(encoding="utf-8")).get("metadata", {})
    return meta.get(STAMP_KEY, {}).get("inputs_sha256")


def is_current(path: Path, root: Path = ROOT, shared: str | None = None) -> bool:
    """True when the committed outputs of `path` were produced from today's inputs."""
    return recorded_digest(path) == inputs_digest(path, root, shared)


def execute_in_place(path: Path, timeout_s: int = 300) -> None:
    """Run every cell of `path` in a fresh kernel (cwd = the notebook's folder), write the outputs back and
    record the inputs digest. Written to a temporary file first, so a failed run leaves the notebook as it was."""
    from nbclient import NotebookClient

    digest = inputs_digest(path)
    nb = nbformat.read(path, as_version=4)
    NotebookClient(
        nb, timeout=timeout_s, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}
    ).execute()
    for cell in nb.cells:
        for key in _VOLATILE_CELL_METADATA:
            cell.metadata.pop(key, None)
    nb.metadata.pop("widgets", None)
    nb.metadata[STAMP_KEY] = {"inputs_sha256": digest}
    staged = path.with_suffix(".ipynb.new")
    nbformat.write(nb, staged)
    staged.replace(path)


def _execute(path: Path) -> str:
    execute_in_place(path)
    return f"executed {path}"


def execute_all(paths: list[Path], workers: int = 2) -> list[str]:
    """Execute `paths` in place, `workers` at a time in separate processes (sized for two cores); a line each."""
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(_execute, paths))


def chapter_notebooks() -> list[Path]:
    return sorted(CHAPTERS_DIR.glob("*.ipynb"))
