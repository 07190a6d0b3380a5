"""Curators for forecasts: inference's share of AI compute/spend, and inference-market sizes.

Sources: `inference_shift/compute_share.csv` and `inference_shift/inference_market.csv` in data/raw
(one row per organisation, target year and metric; see that folder's README for what each metric measures).
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from analysis.curate import curator
from analysis.curate.tokens import ACCESSED, parse_partial_date

# What each source metric measures, and over what scope. "compute" (a share of AI compute or compute demand),
# "spend" (a share of money spent: cloud IaaS, chips, servers, one firm's budget, a vendor's revenue), "capex"
# (capital spending on infrastructure), "accelerators" (installed chips), "workloads", "data_centre_demand" (GW of
# all data-centre demand, AI and non-AI). Kept distinct because the article's claims mix them.
MEASURES: dict[str, tuple[str, str]] = {
    "inference_share_of_ai_compute": ("compute", "all AI compute"),
    "inference_share_of_ai_compute_demand": ("compute", "AI compute demand"),
    "inference_share_of_genai_compute_demand": ("compute", "generative-AI compute demand"),
    "inference_share_of_ai_optimized_iaas_spend": ("spend", "AI-optimised cloud IaaS end-user spend"),
    "inference_share_of_cloud_ai_semiconductor_spend": ("spend", "cloud AI semiconductor spend"),
    "inference_share_of_china_ai_server_market": ("spend", "China AI server market"),
    "inference_share_of_openai_compute_budget": ("spend", "OpenAI's compute budget (one firm)"),
    "inference_share_of_nvidia_datacenter_revenue": ("spend", "Nvidia data-centre revenue (one vendor)"),
    "inference_share_of_ai_infrastructure_capex": ("capex", "AI infrastructure capex"),
    "inference_share_of_installed_ai_accelerators": ("accelerators", "installed AI accelerators"),
    "inference_share_of_china_ai_server_workloads": ("workloads", "China AI-server workloads"),
    "inference_share_of_total_data_center_demand": ("data_centre_demand", "all data-centre demand (GW)"),
}


def bound_type(value: str, low: str, high: str) -> str:
    """'point' (a value), 'range' (value with low and high), or 'lower_bound' (only a floor, 'more than x')."""
    if value and low and high:
        return "range"
    if value:
        return "point"
    if low and not high:
        return "lower_bound"
    raise ValueError(f"row has no usable value (value={value!r}, low={low!r}, high={high!r})")


def slug(text: str) -> str:
    """Lowercase ascii id fragment: 'Deloitte (TMT Predictions 2026)' -> 'deloitte-tmt-predictions-2026'."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def record_id(org: str, metric: str, year: str) -> str:
    """Stable row id: organisation, metric and target year ('na' when the source gives no year)."""
    return f"{slug(org)}--{metric}--{year or 'na'}"


def _num(text: str) -> float | None:
    return float(text) if text else None


# How each bound type reads in a note.
BOUND_WORDS = {"point": "a point estimate", "range": "a range", "lower_bound": "a floor ('more than')"}


def forecast_note(what: str, year: str, bound: str, derived: bool, grade: str) -> str:
    """A short note in our own words (never the source's note): what the figure is a share or size of, for which
    year, what kind of value, and whether it was derived by the source compilers or is unconfirmed (grade C)."""
    parts = [
        f"{BOUND_WORDS[bound]} of {what}, " + (f"for {year}" if year else "with no target year"),
        "computed by the source compilers from the published figures" * derived,
        "unconfirmed: read on a weak or indirect page" * (grade == "C"),
    ]
    return "; ".join(p for p in parts if p)


def _provenance(r: dict, what: str, bound: str) -> dict:
    published, precision = parse_partial_date(r["published"])
    derived = "DERIVED" in r["notes"]
    return {
        "is_derived": derived,
        "notes": forecast_note(what, r["year"], bound, derived, r["grade"]),
        "source_url": r["source_url"],
        "publisher": r["publisher"],
        "published": published,
        "published_precision": precision,
        "accessed": ACCESSED,
        "grade": r["grade"],
    }


@curator("compute_share_forecasts")
def build_compute_share(sources_dir: Path) -> pd.DataFrame:
    """Inference's share of AI compute, spend, capex, ... by forecaster and target year, measure kept explicit."""
    raw = pd.read_csv(sources_dir / "inference_shift" / "compute_share.csv", dtype=str, keep_default_na=False)
    rows = []
    for r in raw.to_dict("records"):
        measure, scope = MEASURES[r["metric"]]
        bound = bound_type(r["value"], r["low"], r["high"])
        rows.append(
            {
                "record_id": record_id(r["source_org"], r["metric"], r["year"]),
                "forecaster": r["source_org"],
                "forecast_made": r["forecast_made"],
                "target_year": int(r["year"]) if r["year"] else None,
                "metric": r["metric"],
                "measure": measure,
                "scope": scope,
                "inference_share": _num(r["value"]),
                "inference_share_low": _num(r["low"]),
                "inference_share_high": _num(r["high"]),
                "bound_type": bound,
                **_provenance(r, f"inference's share of {scope}", bound),
            }
        )
    frame = pd.DataFrame(rows)
    frame["target_year"] = frame["target_year"].astype("Int64")
    return frame.sort_values(["forecaster", "metric", "target_year", "record_id"], kind="stable").reset_index(drop=True)


@curator("inference_market")
def build_inference_market(sources_dir: Path) -> pd.DataFrame:
    """Inference-market size estimates (chips, cloud spend, capex) in USD billion, one row per source version."""
    raw = pd.read_csv(sources_dir / "inference_shift" / "inference_market.csv", dtype=str, keep_default_na=False)
    rows = []
    for r in raw.to_dict("records"):
        bound = bound_type(r["value_usd_bn"], r["low"], r["high"])
        rows.append(
            {
                "record_id": record_id(r["source_org"], r["metric"], r["year"]),
                "forecaster": r["source_org"],
                "forecast_made": r["forecast_made"],
                "year": int(r["year"]),
                "metric": r["metric"],
                "value_usd_bn": _num(r["value_usd_bn"]),
                "low_usd_bn": _num(r["low"]),
                "high_usd_bn": _num(r["high"]),
                "bound_type": bound,
                **_provenance(r, r["metric"].replace("_", " ") + " in USD billion", bound),
            }
        )
    frame = pd.DataFrame(rows)
    return frame.sort_values(["metric", "year", "forecaster", "record_id"], kind="stable").reset_index(drop=True)
