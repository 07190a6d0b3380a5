"""Execute chapter notebooks in place so their committed outputs are exactly what the code produces today."""

from __future__ import annotations

from pathlib import Path

import nbformat
from nbclient import NotebookClient

from analysis.paths import CHAPTERS_DIR

# Volatile metadata that would make two executions of the same notebook differ byte for byte.
_VOLATILE_CELL_METADATA = ("execution",)


def execute_in_place(path: Path, timeout_s: int = 300) -> None:
    """Run every cell of `path` in a fresh kernel (cwd = the notebook's folder) and write the outputs back."""
    nb = nbformat.read(path, as_version=4)
    NotebookClient(
        nb, timeout=timeout_s, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}
    ).execute()
    for cell in nb.cells:
        for key in _VOLATILE_CELL_METADATA:
            cell.metadata.pop(key, None)
    nb.metadata.pop("widgets", None)
    nbformat.write(nb, path)


def chapter_notebooks() -> list[Path]:
    return sorted(CHAPTERS_DIR.glob("*.ipynb"))
