"""A made-up figure that exercises the figure pipeline (theme, finish, export, links) without any chapter.

Tests register it with `sample_figure.make(...)`; it is never part of the report's registry.
"""

from __future__ import annotations

import altair as alt
import numpy as np
import pandas as pd

from analysis import charts
from analysis.figures import Figure

SAMPLE_ID = "fig-test-sample"


def sample_data() -> pd.DataFrame:
    """Two synthetic price series falling ~30% a quarter, with grades and dates (seeded)."""
    rng = np.random.default_rng(20261126)
    dates = pd.date_range("2023-01-01", periods=12, freq="QS")
    rows = [
        {
            "release_date": day,
            "model": model,
            "usd_per_mtok": start_usd * 0.7**i * float(rng.uniform(0.8, 1.2)),
            "grade": "ABC"[i % 3],
        }
        for model, start_usd in (("Model A", 30.0), ("Model B", 8.0))
        for i, day in enumerate(dates)
    ]
    return pd.DataFrame(rows)


def layered_chart(df: pd.DataFrame) -> alt.LayerChart:
    base = alt.Chart(df).encode(
        x=alt.X("release_date:T", axis=charts.date_axis("Release date")),
        y=alt.Y(
            "usd_per_mtok:Q",
            scale=charts.log_scale(),
            axis=charts.usd_axis("Price (USD per million tokens)", log=True),
        ),
        color=charts.category_color("model:N", "Model"),
    )
    return base.mark_line() + base.mark_point().encode(opacity=charts.grade_opacity())


def concat_chart(df: pd.DataFrame) -> alt.HConcatChart:
    left = alt.Chart(df).mark_bar().encode(x="model:N", y=alt.Y("mean(usd_per_mtok):Q", axis=charts.usd_axis("")))
    right = alt.Chart(df).mark_point().encode(x="release_date:T", y="usd_per_mtok:Q")
    return alt.hconcat(left.properties(width=200), right.properties(width=300))


def make(fig_id: str = SAMPLE_ID, chart=layered_chart, **overrides) -> Figure:
    """A valid Figure; keyword arguments override fields (to test the registry's rules)."""
    fields = {
        "id": fig_id,
        "title": "Made-up prices fell about 30% a quarter",
        "caption": "Synthetic data drawn with a fixed seed; used only by the test suite.",
        "alt": "Two lines on a log scale falling from 2023 to 2025.",
        "units": "USD per million tokens (log scale) against release date",
        "datasets": ("models",),
        "source": "Source: synthetic test data; analysis: this report's test suite",
        "page": "chapters/03_cost_declines",
        "data": sample_data,
        "chart": chart,
    }
    fields.update(overrides)
    return Figure(**fields)
