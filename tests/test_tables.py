"""The table helper: explicit formats, escaped text, links, the scroll box, and prose count words."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from analysis import tables


def test_readable_number_never_uses_scientific_notation():
    assert tables.readable_number(1.5e6, 4) == "1,500,000"
    assert tables.readable_number(0.6875, 4) == "0.6875"
    assert tables.readable_number(20857.03) == "20,900"
    assert tables.readable_number(851.16) == "851"
    assert tables.readable_number(9.2402) == "9.24"
    assert tables.readable_number(0.0123) == "0.0123"
    assert tables.readable_number(2.0) == "2"
    assert tables.readable_number(float("nan")) == ""
    with pytest.raises(ValueError):
        tables.readable_number(math.inf)


def test_html_table_formats_escapes_links_and_scrolls():
    frame = pd.DataFrame(
        {"Name": ["A & B", "<C>"], "Value": [1234.5678, 0.5], "Count": [1200, 3], "url": ["https://x.org/?a=1&b=2", ""]}
    )
    out = tables.html_table(frame, {"Value": ".1f"}, links={"Name": "url"}, label="Test table")
    assert out.startswith('<div class="table-scroll" role="region" tabindex="0" aria-label="Test table">')
    assert out.endswith("</table></div>")
    assert "A &amp; B" in out and "&lt;C&gt;" in out and "<C>" not in out
    assert '<a href="https://x.org/?a=1&amp;b=2">A &amp; B</a>' in out
    assert ">1234.6<" in out and ">0.5<" in out and ">1,200<" in out
    assert "url" not in out.split("<tbody>")[0]  # the link column is not shown
    assert '<th class="num" scope="col">Value</th>' in out


def test_html_table_refuses_unformatted_floats_booleans_and_infinities():
    with pytest.raises(ValueError, match="explicit format"):
        tables.html_table(pd.DataFrame({"x": [0.1 + 0.2]}))
    with pytest.raises(TypeError, match="True/False"):
        tables.html_table(pd.DataFrame({"flag": [True, False]}))
    with pytest.raises(ValueError):
        tables.html_table(pd.DataFrame({"x": [math.inf]}), {"x": ".1f"})
    with pytest.raises(KeyError):
        tables.html_table(pd.DataFrame({"x": [1]}), {"y": ".1f"})


def test_wide_text_columns_are_marked_and_must_exist():
    out = tables.html_table(pd.DataFrame({"Why": ["a long reason"], "n": [1]}), wide=["Why"])
    assert '<th class="wide" scope="col">Why</th>' in out
    assert '<td class="wide" data-label="Why">a long reason</td>' in out
    assert '<table class="report-table stacked">' in out  # drawn as cards on a phone
    with pytest.raises(KeyError, match="wide"):
        tables.html_table(pd.DataFrame({"x": [1]}), wide=["y"])


def test_missing_values_are_empty_cells():
    out = tables.html_table(pd.DataFrame({"x": [1.0, float("nan")], "t": ["a", None]}), {"x": ".1f"})
    assert out.count('<td class="num" data-label="x"></td>') == 1 and out.count('<td data-label="t"></td>') == 1


def test_of_count_says_all_and_none():
    assert tables.of_count(12, 12) == "all 12"
    assert tables.of_count(2, 2) == "both"
    assert tables.of_count(0, 5) == "none of the 5"
    assert tables.of_count(3, 12) == "3 of the 12"
    with pytest.raises(ValueError):
        tables.of_count(13, 12)


def test_chapter_tables_render_without_codes():
    """Every table the three chapters show renders through the helper, with no scientific notation, `inf`,
    True/False or snake_case codes in what a reader sees."""
    import re

    from analysis import costs, deals, shift
    from analysis.data import load

    rendered = [
        tables.html_table(deals.cerebras_versions_display(load("compute_deals"))),
        tables.html_table(deals.priors_display(load("cost_priors")), deals.PRIOR_FORMATS, links={"Source": "url"}),
        tables.html_table(shift.claims_display(load("compute_share_forecasts"))),
        tables.html_table(
            shift.growth_table_display(shift.growth_fits(load("token_volumes"), load("openrouter_weekly")))
        ),
        tables.html_table(shift.conflicts_table(load("token_volumes"))),
        tables.html_table(costs.decline_display(costs.decline_tables(load("models"))), costs.DECLINE_FORMATS),
        tables.html_table(
            costs.hardware_rates_display(load("headline_rates"), load("gpu_prices"), load("hardware")),
            costs.HARDWARE_FORMATS,
        ),
    ]
    for out in rendered:
        text = re.sub(r"<[^>]+>", " ", out)
        assert not re.search(r"\d[eE][+-]\d", text), text[:200]
        assert not re.search(r"\binf\b|\bTrue\b|\bFalse\b|\bnan\b", text)
        assert not re.search(r"\b[a-z]+_[a-z_]+\b", text), re.search(r"\b[a-z]+_[a-z_]+\b", text)
