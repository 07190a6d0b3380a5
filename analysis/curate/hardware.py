"""Curators `hardware` (accelerator specs, one row per chip per source) and `gpu_prices` (purchase and cloud prices).

hardware:
- epoch_chip_dataset rows: Epoch AI's chip dataset, restricted to chips Epoch marks as ML hardware plus every chip
  that appears in Epoch's price observations. Peak 16-bit throughput is the tensor FP16/BF16 figure where given,
  else the plain FP16 figure (`peak_16bit_basis` says which); Epoch records dense (non-sparse) peaks. Memory bytes
  -> GB (1e9), bandwidth bytes/s -> TB/s (1e12). Release price '$5412.00' -> 5412.
- cost_declines_specs rows: the report's own compilation (cost_declines/hardware_specs.csv, long format), pivoted
  to one row per (vendor, chip) with TFLOPS/PFLOPS converted to FLOP/s, GiB to GB, GB/s to TB/s. Where a cell
  gives two readings ('7.37 (also reported 7.2)', '2.9-3 TB/s') the first is used and the source conflict
  (7 Ironwood, 8 Trainium2; data/editorial/spec_conflicts.yaml) is named in `conflict`. Both sources are kept,
  never merged: compare via `chip_key`. Publisher and grade come from the first cell's site
  (`cleaning.graded_source`); the row takes its weakest grade.
gpu_prices: Epoch AI's hardware price observations, one row per (observation, price type) for purchase, cloud
on-demand, 1-year and 3-year commitment prices; `price_usd_2024` deflates with the BLS producer price index for
data processing and hosting (PCU518210518210) as Epoch does: value x PPI(2024 mean) / PPI(month of the price).
The page read is Epoch's price file (grade A, Epoch's own dataset); the source Epoch cites for each price is kept in
`price_source_url`, and Epoch's notes are rewritten as short phrases (`price_note`; data/editorial/note_phrases.yaml).
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.curate import curator
from analysis.curate.cleaning import (
    ACCESSED,
    editorial_records,
    graded_source,
    note_rules,
    paraphrase,
    parse_loose_date,
    parse_price,
    require_each,
    site_of,
    slug,
    split_urls,
    strip_strings,
    weakest_grade,
)

HW_DIR = "epoch_hardware"
TCT_COMMIT = "263c40a159307e917213d1dc433c617e47d55bfe"
TCT_URL = f"https://github.com/epoch-research/training-cost-trends/blob/{TCT_COMMIT}/data"
TCT_PUBLISHED = "2025-06-20"  # data snapshot date of the repository's Epoch exports
PPI_URL = "https://fred.stlouisfed.org/series/PCU518210518210"

UNIT_SCALE = {"TFLOPS": 1e12, "PFLOPS": 1e15, "TOPS": 1e12}
SPEC_METRICS = {
    "peak_dense_bf16_fp16_tensor": "peak_16bit_flop_per_s",
    "peak_bf16": "peak_16bit_flop_per_s",
    "peak_fp16_bf16": "peak_16bit_flop_per_s",
    "peak_fp16": "peak_16bit_flop_per_s",
    "peak_dense_fp8_tensor": "peak_fp8_flop_per_s",
    "peak_fp8": "peak_fp8_flop_per_s",
    "peak_dense_fp8": "peak_fp8_flop_per_s",
    "peak_mxfp8": "peak_fp8_flop_per_s",
    "hbm_capacity": "memory_gb",
    "hbm_bandwidth": "memory_bandwidth_tb_per_s",
    "tdp": "tdp_watts",
    "list_price": "launch_price_usd",
}


def chip_key(name: str) -> str:
    """Loose chip identity for comparing sources: lowercase letters and digits, vendor prefix removed."""
    s = re.sub(r"^(nvidia|google|amd|aws|amazon|intel|cerebras|groq|sambanova)\s+", "", str(name).strip().lower())
    return re.sub(r"[^a-z0-9]", "", s)


def first_number(text: object) -> float:
    """The first number in a cell ('7.37 (also reported 7.2)' -> 7.37; '2.9-3' -> 2.9); NaN if none."""
    m = re.search(r"\d[\d,]*\.?\d*", str(text))
    return float(m[0].replace(",", "")) if m else np.nan


def epoch_chip_rows(sources_dir: Path) -> pd.DataFrame:
    """Epoch's chip dataset rows for ML hardware and priced chips, in our columns."""
    chips = pd.read_csv(sources_dir / HW_DIR / "chip_dataset.csv", dtype=str)
    priced = set(pd.read_csv(sources_dir / HW_DIR / "hardware_prices.csv", dtype=str)["Hardware model"].dropna())
    chips = chips[chips["ML hardware"].eq("checked") | chips["Hardware name"].isin(priced)]
    num = lambda c: pd.to_numeric(chips[c], errors="raise")  # noqa: E731
    tensor, fp16 = num("Tensor-FP16/BF16 performance (FLOP/s)"), num("FP16 (half precision) performance (FLOP/s)")
    d = pd.DataFrame({"chip_name": chips["Hardware name"].str.strip(), "manufacturer": chips["Manufacturer"]})
    d["chip_type"] = chips["Type"]
    d["release_date"] = pd.to_datetime(chips["Release date"]).dt.strftime("%Y-%m-%d")
    d["release_year"] = pd.to_datetime(chips["Release date"]).dt.year.astype("Int64")
    d["peak_16bit_flop_per_s"] = tensor.fillna(fp16)
    d["peak_16bit_basis"] = np.where(tensor.notna(), "tensor FP16/BF16", np.where(fp16.notna(), "FP16", ""))
    d["peak_fp8_flop_per_s"] = num("FP8 performance (FLOP/s)")
    d["peak_fp32_flop_per_s"] = num("FP32 (single precision) performance (FLOP/s)")
    d["memory_gb"] = num("Memory size per board (Byte)") / 1e9
    d["memory_bandwidth_tb_per_s"] = num("Memory bandwidth (byte/s)") / 1e12
    d["tdp_watts"] = num("TDP (W)")
    d["launch_price_usd"] = chips["Release price (USD)"].map(parse_price)
    d["source_kind"] = "epoch_chip_dataset"
    d["conflict"] = ""
    d["notes"] = ""
    d["source_url"] = f"{TCT_URL}/Chip%20dataset-Grid%20view.csv"
    d["publisher"] = "Epoch AI"
    d["published"] = TCT_PUBLISHED
    d["grade"] = "A"  # Epoch AI's own dataset
    d["grade_note"] = ""
    return d


def spec_value(metric: str, value: str, unit: str) -> float:
    """One spec cell of hardware_specs.csv in our unit (FLOP/s, GB, TB/s, W, USD)."""
    v = first_number(value)
    if metric.startswith("peak"):
        scale = next((s for u, s in UNIT_SCALE.items() if u in str(unit)), None)
        if scale is None:
            raise ValueError(f"no FLOP/s unit in {unit!r}")
        return v * scale
    if metric == "hbm_capacity" and "GiB" in str(unit):
        return v * 2**30 / 1e9
    if metric == "hbm_bandwidth" and "GB/s" in str(unit):
        return v / 1000
    return v


def split_capacity_bandwidth(value: str, unit: str) -> tuple[float, float]:
    """'16 GB / 819 GB/s' or '96 GiB / 2.9-3 TB/s' -> (memory GB, bandwidth TB/s)."""
    cap_text, bw_text = [p.strip() for p in str(value).split("/", 1)]
    cap = first_number(cap_text) * (2**30 / 1e9 if "GiB" in cap_text else 1)
    bw = first_number(bw_text)
    bw = bw / 1000 if "GB/s" in bw_text else bw
    return cap, bw


def spec_grade_note(grade: str, sources: list[tuple[str, str, str, str]]) -> str:
    """Why a combined spec row's grade is below its first source's usual grade ('' when it is not).

    `sources` are `cleaning.graded_source` results for the row's cells; the first names the row's publisher.
    """
    policy = site_of(sources[0][0])[1]
    if grade == policy:
        return ""
    return sources[0][3] if sources[0][2] == grade else "lowered to the weakest source combined in this row"


def spec_conflict(chip_name: str) -> str:
    """The source conflict (data/editorial/spec_conflicts.yaml) a compiled chip row belongs to, or ''."""
    name = str(chip_name).lower()
    return next((r["note"] for r in editorial_records("spec_conflicts") if r["chip_contains"] in name), "")


def check_spec_conflicts(chip_names: list[str]) -> None:
    """Every spec conflict must name a compiled chip: one that matches nothing is stale."""
    names = [str(n).lower() for n in chip_names]
    require_each(
        "spec_conflicts",
        editorial_records("spec_conflicts"),
        "chip_contains",
        lambda r: any(r["chip_contains"] in n for n in names),
        "matches no chip of cost_declines/hardware_specs.csv",
    )


def compiled_spec_rows(sources_dir: Path) -> pd.DataFrame:
    """cost_declines/hardware_specs.csv chip specs pivoted to one row per (vendor, chip)."""
    raw = pd.read_csv(sources_dir / "cost_declines" / "hardware_specs.csv", dtype=str)
    keep = raw["metric"].isin(list(SPEC_METRICS) + ["hbm_capacity_bandwidth"])
    rows: dict[tuple[str, str], dict] = {}
    for r in raw[keep].itertuples(index=False):
        key = (r.vendor, r.chip_or_system)
        row = rows.setdefault(
            key,
            {
                "manufacturer": r.vendor,
                "chip_name": r.chip_or_system,
                "years": [],
                "sources": [],
            },
        )
        if r.metric == "hbm_capacity_bandwidth":
            row["memory_gb"], row["memory_bandwidth_tb_per_s"] = split_capacity_bandwidth(r.value, r.unit)
        else:
            row[SPEC_METRICS[r.metric]] = spec_value(r.metric, r.value, r.unit)
            if r.metric.startswith("peak") and SPEC_METRICS[r.metric] == "peak_16bit_flop_per_s":
                row["peak_16bit_basis"] = r.metric
        row["years"].append(r.year)
        row["sources"].append(graded_source(split_urls(r.source_url)[0], r.grade))
    out = []
    for row in rows.values():
        dates = [parse_loose_date(y) for y in row.pop("years")]
        # An exact day beats a month-only date for the same chip.
        exact = [d for d, p in dates if p == "day"] or [d for d, p in dates if d is not None]
        row["release_date"] = min(exact).isoformat() if exact else None
        sources = row.pop("sources")
        urls = [s[0] for s in sources]
        row["source_url"], row["publisher"] = urls[0], sources[0][1]
        row["notes"] = "; ".join(sorted(set(urls[1:]) - {urls[0]}))
        # A row is only as strong as its weakest cell.
        row["grade"] = weakest_grade(*(s[2] for s in sources))
        row["grade_note"] = spec_grade_note(row["grade"], sources)
        row["conflict"] = spec_conflict(row["chip_name"])
        out.append(row)
    check_spec_conflicts([row["chip_name"] for row in out])
    d = pd.DataFrame(out)
    raw_years = raw[keep].groupby(["vendor", "chip_or_system"])["year"].first()
    d["release_year"] = [
        int(re.match(r"\d{4}", raw_years[(v, c)])[0]) for v, c in zip(d["manufacturer"], d["chip_name"], strict=True)
    ]
    d["release_year"] = d["release_year"].astype("Int64")
    d["source_kind"] = "cost_declines_specs"
    d["published"] = None
    return d


@curator("hardware")
def build_hardware(sources_dir: Path) -> pd.DataFrame:
    """Accelerator specs from Epoch's chip dataset and the report's compilation, one row per chip per source."""
    d = pd.concat([epoch_chip_rows(sources_dir), compiled_spec_rows(sources_dir)], ignore_index=True)
    d["chip_key"] = d["chip_name"].map(chip_key)
    d["accessed"] = ACCESSED
    d["row_id"] = [
        slug(f"{k}-{m}-{n}") for k, m, n in zip(d["source_kind"], d["manufacturer"], d["chip_name"], strict=True)
    ]
    d["peak_16bit_basis"] = d["peak_16bit_basis"].fillna("")
    d = d.sort_values(["source_kind", "chip_key", "row_id"])
    return strip_strings(d.reset_index(drop=True))


def price_note(text: object, rules: tuple[tuple[str, str], ...] | None = None) -> str:
    """Epoch's price note in our words: a bare identifier (an instance name such as 'p4d.24xlarge') is kept as a
    fact, prose is mapped onto `rules` (default: the gpu_prices rules of data/editorial/note_phrases.yaml)."""
    s = "" if not isinstance(text, str) else text.strip()
    if re.fullmatch(r"(instance )?[\w.\-]+( v\d)?", s):
        return f"instance {s.removeprefix('instance ')}"
    return paraphrase(s, note_rules("gpu_prices") if rules is None else rules)


PRICE_TYPES = {
    "Price (hardware purchase)": "purchase",
    "Price per chip-hour (on-demand)": "cloud_on_demand",
    "Price per chip-hour (1-year CUD)": "cloud_1yr_commitment",
    "Price per chip-hour (3-year CUD)": "cloud_3yr_commitment",
}


def ppi_deflator(sources_dir: Path) -> tuple[pd.Series, float]:
    """(monthly PPI indexed by month start, mean PPI of 2024) from the BLS series file."""
    ppi = pd.read_csv(
        sources_dir / HW_DIR / "ppi_data_processing_hosting_PCU518210518210.csv", parse_dates=["observation_date"]
    )
    series = ppi.set_index("observation_date")["PCU518210518210"].astype(float)
    return series, float(series[series.index.year == 2024].mean())


def to_usd_2024(values: pd.Series, dates: pd.Series, ppi: pd.Series, base: float) -> pd.Series:
    """Deflate nominal USD to 2024 USD with the monthly PPI; months after the last PPI value use the last value."""
    months = pd.to_datetime(dates).dt.to_period("M").dt.to_timestamp()
    idx = ppi.reindex(pd.date_range(ppi.index.min(), max(months.max(), ppi.index.max()), freq="MS")).ffill()
    return values * base / months.map(idx).astype(float)


@curator("gpu_prices")
def build_gpu_prices(sources_dir: Path) -> pd.DataFrame:
    """Epoch AI's accelerator purchase and cloud-rental price observations, nominal and in 2024 USD."""
    raw = pd.read_csv(sources_dir / HW_DIR / "hardware_prices.csv", dtype=str)
    raw["source_row"] = np.arange(1, len(raw) + 1)
    raw = raw[raw["Price date"].notna() & raw["Hardware model"].notna()]
    rules = note_rules("gpu_prices", raw["Notes"])
    frames = []
    for col, kind in PRICE_TYPES.items():
        part = raw[raw[col].notna()]
        frames.append(
            pd.DataFrame(
                {
                    "source_row": part["source_row"],
                    "hardware_model": part["Hardware model"],
                    "manufacturer": part["Manufacturer"],
                    "vendor": part["Vendor"],
                    "location": part["Location"],
                    "price_date": part["Price date"],
                    "price_type": kind,
                    "price_usd": part[col].map(parse_price),
                    "number_of_gpus": pd.to_numeric(part["Number of GPUs"]).astype("Int64"),
                    "cloud_description": part["Cloud GPU description"],
                    "notes": part["Notes"].map(lambda t: price_note(t, rules)),
                    "price_source_url": part["Price source"],
                }
            )
        )
    d = pd.concat(frames, ignore_index=True)
    d = d[d["price_usd"].notna()]
    d["price_unit"] = np.where(d["price_type"].eq("purchase"), "USD per chip", "USD per chip-hour")
    ppi, base = ppi_deflator(sources_dir)
    d["price_usd_2024"] = to_usd_2024(d["price_usd"], d["price_date"], ppi, base)
    d["chip_key"] = d["hardware_model"].map(chip_key)
    # The page read is Epoch's price database; the original price source it cites is kept beside it.
    d["price_source_url"] = d["price_source_url"].map(
        lambda u: split_urls(u)[0] if isinstance(u, str) and "http" in u else ""
    )
    d["source_url"] = f"{TCT_URL}/Hardware%20prices.csv"
    d["publisher"] = "Epoch AI"
    d["published"] = TCT_PUBLISHED
    d["accessed"] = ACCESSED
    d["grade"] = "A"  # Epoch AI's own dataset
    d["row_id"] = [slug(f"{r}-{t}") for r, t in zip(d["source_row"], d["price_type"], strict=True)]
    d = d.sort_values(["price_date", "source_row", "price_type"])
    return strip_strings(d.reset_index(drop=True))
