"""The one rounding rule for every number that leaves the computation (glue, chart data, figure downloads).

Floats are rounded to `SIGNIFICANT_DIGITS` significant digits. That is more than any input or estimate in the
report can support (prices and counts carry 3-4, fitted rates fewer) and far coarser than the last-digit noise
that differs between CPUs and BLAS kernels (about 1e-15 relative), so committed outputs are the same on any
machine and pages carry no 17-digit floats. Six digits, not four, because some plotted values are decimal years
(2024.87: four digits would move a point by months). Integers, strings, dates and booleans pass unchanged.
"""

from __future__ import annotations

import math
import numbers
from typing import Any

import numpy as np
import pandas as pd

SIGNIFICANT_DIGITS = 6


def round_sig(x: float, digits: int = SIGNIFICANT_DIGITS) -> float:
    """`x` rounded to `digits` significant digits; 0, nan and ±inf unchanged."""
    x = float(x)
    if x == 0 or not math.isfinite(x):
        return x
    decimals = digits - 1 - math.floor(math.log10(abs(x)))
    out = round(x, decimals)
    return float(f"{out:.{digits}g}")  # drops binary residue such as 0.30000000000000004


def round_value(value: Any) -> Any:
    """One value: floats (Python or numpy) rounded, numpy scalars made Python scalars, containers walked."""
    if isinstance(value, bool | np.bool_):
        return bool(value)
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, numbers.Real):
        return round_sig(value)
    if isinstance(value, dict):
        return {k: round_value(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(round_value(v) for v in value)
    return value


def round_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of `frame` with every float column rounded (other columns untouched)."""
    out = frame.copy()
    for col in out.columns:
        if pd.api.types.is_float_dtype(out[col]):
            out[col] = out[col].map(lambda v: v if pd.isna(v) else round_sig(v)).astype(out[col].dtype)
    return out
