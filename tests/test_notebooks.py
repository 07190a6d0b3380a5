"""Committed notebook outputs are stamped with the inputs they were computed from, and the stamp is current."""

from __future__ import annotations

import json

import pytest

from analysis import notebooks
from analysis.paths import ROOT


@pytest.mark.parametrize("path", notebooks.chapter_notebooks(), ids=lambda p: p.name)
def test_committed_outputs_are_stamped_with_todays_inputs(path):
    # nbval proves the outputs are what the code gives; this proves the build may render them as they are.
    assert notebooks.recorded_digest(path), f"{path.name}: no inputs stamp: run `make notebooks`"
    assert notebooks.is_current(path), f"{path.name}: code or data changed since its outputs: run `make notebooks`"


def test_digest_sees_code_and_headings_but_not_prose_or_outputs(tmp_path):
    (tmp_path / "chapters").mkdir()
    page = tmp_path / "chapters" / "a.ipynb"

    def write(code: str, markdown: str, outputs: list) -> str:
        cells = [
            {"cell_type": "code", "source": code, "metadata": {}, "outputs": outputs, "execution_count": None},
            {"cell_type": "markdown", "source": markdown, "metadata": {}},
        ]
        page.write_text(json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}))
        return notebooks.inputs_digest(page, tmp_path)

    base = write("x = 1", "# Title\n\nSome prose.", [])
    assert write("x = 1", "# Title\n\nOther prose.", [{"output_type": "stream", "name": "stdout", "text": "1"}]) == base
    assert write("x = 2", "# Title\n\nSome prose.", []) != base
    assert write("x = 1", "# New title\n\nSome prose.", []) != base
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "v.csv").write_text("v\n1\n")
    assert write("x = 1", "# Title\n\nSome prose.", []) != base


def test_the_shared_inputs_exist():
    assert all((ROOT / entry).exists() for entry in notebooks.SHARED_INPUTS)
