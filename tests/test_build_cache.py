"""A change in data/ must reach the built page even though jupyter-cache keys notebooks on code only."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from analysis.build import build_book, tree_digest

CONFIG = """title: stamp test
only_build_toc_files: true
execute:
  execute_notebooks: cache
sphinx:
  config:
    nb_execution_raise_on_error: true
"""


def make_book(root: Path, value: str) -> None:
    (root / "data").mkdir(parents=True, exist_ok=True)
    (root / "data" / "value.csv").write_text(f"value\n{value}\n")
    (root / "_config.yml").write_text(CONFIG)
    (root / "_toc.yml").write_text("format: jb-book\nroot: page\n")
    nb = new_notebook(
        cells=[
            new_code_cell(
                "from pathlib import Path\nfrom myst_nb import glue\n"
                "glue('v', float(Path('data/value.csv').read_text().split()[1]), display=False)"
            ),
            new_markdown_cell("# Page\n\nThe value is {glue:text}`v:.2f`."),
        ]
    )
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, root / "page.ipynb")


def shown_value(root: Path) -> str:
    html = (root / "_build" / "html" / "page.html").read_text(encoding="utf-8")
    return re.search(r"The value is (?:<[^>]+>)*([\d.]+)", html).group(1)


PAGE = ("page.ipynb", "_toc.yml", "_config.yml")


def test_current_outputs_are_reused_and_a_data_change_reaches_the_page(tmp_path):
    """Committed outputs whose stamp is current are rendered as they are; a change in data/ alone (the code
    cells, which jupyter-cache keys on, stay the same) re-executes the notebook; no change runs no Sphinx."""
    from analysis.notebooks import STAMP_KEY, inputs_digest

    make_book(tmp_path, "1.25")
    nb = nbformat.read(tmp_path / "page.ipynb", as_version=4)
    # Outputs no execution would give (the data say 1.25): seeing them proves the notebook was not executed.
    nb.cells[0].outputs = [
        nbformat.v4.new_output(
            "display_data", data={"text/plain": "9.99"}, metadata={"scrapbook": {"name": "v", "mime_prefix": ""}}
        )
    ]
    nb.metadata[STAMP_KEY] = {"inputs_sha256": inputs_digest(tmp_path / "page.ipynb", tmp_path)}
    nbformat.write(nb, tmp_path / "page.ipynb")
    build_book(tmp_path, input_trees=("data",), page_trees=PAGE)
    assert shown_value(tmp_path) == "9.99"
    (tmp_path / "data" / "value.csv").write_text("value\n7.5\n")  # the stamp is now stale: execute
    build_book(tmp_path, input_trees=("data",), page_trees=PAGE)
    assert shown_value(tmp_path) == "7.50"
    page = tmp_path / "_build" / "html" / "page.html"
    before = page.stat().st_mtime_ns
    build_book(tmp_path, input_trees=("data",), page_trees=PAGE)  # nothing changed: Sphinx does not run
    assert page.stat().st_mtime_ns == before


def test_tree_digest_sees_content_and_names(tmp_path):
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "a.csv").write_text("x\n1\n")
    before = tree_digest(tmp_path, ("d",))
    (tmp_path / "d" / "a.csv").write_text("x\n2\n")
    changed = tree_digest(tmp_path, ("d",))
    (tmp_path / "d" / "a.csv").rename(tmp_path / "d" / "b.csv")
    renamed = tree_digest(tmp_path, ("d",))
    assert len({before, changed, renamed}) == 3


def test_figure_export_reruns_only_when_its_inputs_change(tmp_path, monkeypatch):
    from analysis import build, figures

    calls = []

    def fake_export_all():
        calls.append(1)
        (tmp_path / "_static" / "figures").mkdir(parents=True, exist_ok=True)
        (tmp_path / "_static" / "figures" / "figures.json").write_text("{}")
        return ["exported"]

    monkeypatch.setattr(figures, "export_all", fake_export_all)
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "a.csv").write_text("x\n1\n")
    build.export_figures_if_changed(tmp_path)
    build.export_figures_if_changed(tmp_path)
    assert len(calls) == 1
    (tmp_path / "data" / "a.csv").write_text("x\n2\n")
    build.export_figures_if_changed(tmp_path)
    assert len(calls) == 2
