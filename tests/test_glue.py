"""The one glue helper every chapter uses."""

from __future__ import annotations

import numpy as np
from IPython.display import Markdown

from analysis.glue import glue_numbers, pasteable


def test_numpy_scalars_become_python_numbers_and_strings_stay():
    assert pasteable(np.float64(1.5)) == 1.5 and type(pasteable(np.float64(1.5))) is float
    assert pasteable(np.int64(3)) == 3 and type(pasteable(np.int64(3))) is int
    assert pasteable(True) is True
    assert pasteable("72nd") == "72nd"
    assert isinstance(pasteable("2024-10-03", markdown_strings=True), Markdown)


def test_glue_numbers_prefixes_keys_and_hides_output(monkeypatch):
    import myst_nb

    seen = {}
    monkeypatch.setattr(myst_nb, "glue", lambda key, value, display: seen.__setitem__(key, (value, display)))
    glue_numbers({"a": np.float64(1.5), "b": "2024-10-03"}, prefix="x-", markdown_strings=True)
    assert seen["x-a"] == (1.5, False)
    assert isinstance(seen["x-b"][0], Markdown) and seen["x-b"][1] is False
