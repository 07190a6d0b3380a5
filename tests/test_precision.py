"""The one rounding rule: outputs keep six significant digits, so CPU-level noise never reaches a page."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from analysis.glue import pasteable
from analysis.precision import SIGNIFICANT_DIGITS, round_frame, round_sig, round_value


@pytest.mark.parametrize(
    ("value", "expected"),
    [(20.042123151018178, 20.0421), (2024.8712, 2024.87), (1.23456789e-7, 1.23457e-7), (-3.3333333e12, -3.33333e12)],
)
def test_rounds_to_significant_digits_not_decimals(value, expected):
    assert round_sig(value) == expected


def test_last_digit_noise_between_machines_disappears():
    # The two values one chapter glued on two CPUs (they differ in the 15th digit).
    assert round_sig(20.042123151018178) == round_sig(20.042123151018128)
    rng = np.random.default_rng(7)
    values = rng.lognormal(0, 5, 2000)
    noisy = values * (1 + rng.uniform(-4e-15, 4e-15, values.size))
    same = sum(round_sig(a) == round_sig(b) for a, b in zip(values, noisy, strict=True))
    assert same == values.size  # a flip needs the value within 1e-15 of a rounding boundary


def test_special_values_and_non_floats_pass_unchanged():
    assert round_sig(0.0) == 0.0 and math.isnan(round_sig(float("nan"))) and round_sig(float("inf")) == float("inf")
    assert round_value({"n": np.int64(12960000000000), "ok": np.bool_(True), "s": "x"}) == {
        "n": 12960000000000,
        "ok": True,
        "s": "x",
    }
    assert type(round_value(np.float64(1.5))) is float


def test_frames_round_float_columns_only_and_keep_missing_values():
    frame = pd.DataFrame({"x": [1.234567891, None], "n": [1, 2], "s": ["a", "b"]})
    out = round_frame(frame)
    assert out["x"].iloc[0] == 1.23457 and pd.isna(out["x"].iloc[1])
    assert out["n"].tolist() == [1, 2] and out["s"].tolist() == ["a", "b"]
    assert frame["x"].iloc[0] == 1.234567891  # the input is not modified


def test_glue_uses_the_rule():
    assert pasteable(np.float64(20.042123151018178)) == round_sig(20.042123151018178)
    assert len(repr(pasteable(1 / 3)).replace("0.", "")) == SIGNIFICANT_DIGITS
