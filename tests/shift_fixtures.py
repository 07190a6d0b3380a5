"""Curated datasets of chapter 2 as module-scoped pytest fixtures, shared by test_curate_shift and test_shift."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.data import load

__all__ = ["forecasts", "volumes", "weekly"]


@pytest.fixture(scope="module")
def weekly() -> pd.DataFrame:
    return load("openrouter_weekly")


@pytest.fixture(scope="module")
def volumes() -> pd.DataFrame:
    return load("token_volumes")


@pytest.fixture(scope="module")
def forecasts() -> pd.DataFrame:
    return load("compute_share_forecasts")
