"""The report's Altair theme and shared chart pieces (no I/O)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import altair as alt

if TYPE_CHECKING:
    from analysis.figures import Figure


def finish(chart: alt.TopLevelMixin, fig: Figure) -> alt.TopLevelMixin:
    """Apply the report's title (the finding) and draw the source line inside the chart."""
    return chart.properties(title=alt.TitleParams(fig.title, subtitle=[fig.source], anchor="start"))
