"""Unit economics of AI inference capacity: a seeded Monte Carlo over the `cost_priors` table.

Everything is per MW of IT load per year (USD per MW-year). Cost routes:

- `cerebras_build`: Cerebras CS-3 systems bought at the prior price, annualised over their useful life at the
  cost of capital (capital recovery factor), plus facility rent (colocation, per kW-month) and electricity
  (IT power x PUE x price).
- `gpu_build`: the same with NVIDIA DGX B200 servers (8 GPUs each).
- `allin_capex`: an all-in capex per MW (chips, systems and building, as quoted by Nvidia's and OpenAI's CEOs),
  annualised the same way, plus electricity.
- `gpu_rental`: the market price of renting H100 GPUs on demand, converted to a MW of server power.

Reported deal values become USD per MW-year of *delivered* capacity: value / (750 MW x term x average share of
the 750 MW in service). The 90% interval is the 5th-95th percentile of the draws.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import numpy as np
import pandas as pd

SEED = 20260417  # the article's date; any fixed seed would do
N_DRAWS = 20_000
HOURS_PER_YEAR = 8760.0
SECONDS_PER_YEAR = 365.0 * 24 * 3600
GPUS_PER_DGX = 8
INTERVAL_LEVEL = 0.90  # central interval reported for every Monte Carlo output

Params = Mapping[str, np.ndarray | float]


def prior_table(priors: pd.DataFrame) -> pd.DataFrame:
    """The priors indexed by parameter name (low, central, high, distribution, role)."""
    return priors.set_index("parameter")[["low", "central", "high", "distribution", "role", "unit"]]


def central(priors: pd.DataFrame) -> dict[str, float]:
    """Central value of every parameter."""
    return {k: float(v) for k, v in prior_table(priors)["central"].items()}


def sample(priors: pd.DataFrame, n: int = N_DRAWS, seed: int = SEED) -> pd.DataFrame:
    """n joint draws of every `mc_input` prior, independent, from numpy's default_rng(seed).

    triangular: numpy triangular(low, central, high); log_triangular: exp of a triangular on the logs;
    fixed: the central value. Parameters are drawn in sorted name order so the draws do not depend on row order.
    """
    rng = np.random.default_rng(seed)
    table = prior_table(priors)
    table = table[table["role"] == "mc_input"].sort_index()
    out = {}
    for name, row in table.iterrows():
        low, mode, high = float(row["low"]), float(row["central"]), float(row["high"])
        if row["distribution"] == "fixed" or low == high:
            out[name] = np.full(n, mode)
        elif row["distribution"] == "log_triangular":
            out[name] = np.exp(rng.triangular(np.log(low), np.log(mode), np.log(high), n))
        else:
            out[name] = rng.triangular(low, mode, high, n)
    return pd.DataFrame(out)


def capital_recovery_factor(rate: np.ndarray | float, years: np.ndarray | float) -> np.ndarray | float:
    """Share of a capital cost to pay each year to repay it with interest over `years`: r / (1 - (1 + r)^-n)."""
    return rate / (1.0 - (1.0 + rate) ** (-years))


def power_cost(p: Params) -> np.ndarray | float:
    """Electricity for 1 MW of IT load for a year, USD: 8760 MWh x PUE x USD per MWh."""
    return HOURS_PER_YEAR * p["pue"] * p["power_price_usd_per_mwh"]


def facility_cost(p: Params) -> np.ndarray | float:
    """Facility rent for 1 MW of IT load for a year, USD: USD per kW-month x 1000 kW x 12."""
    return p["colo_usd_per_kw_month"] * 1000.0 * 12.0


def cerebras_build(p: Params) -> np.ndarray | float:
    """USD per MW-year with Cerebras CS-3 systems: annualised system capex + facility rent + electricity."""
    capex_per_mw = p["cs3_price_usd"] / (p["cs3_system_kw"] / 1000.0)
    crf = capital_recovery_factor(p["cost_of_capital"], p["hw_life_years"])
    return capex_per_mw * crf + facility_cost(p) + power_cost(p)


def gpu_build(p: Params) -> np.ndarray | float:
    """USD per MW-year with NVIDIA DGX B200 servers: annualised capex + facility rent + electricity."""
    capex_per_mw = p["b200_price_usd_per_gpu"] * GPUS_PER_DGX / (p["dgx_b200_system_kw"] / 1000.0)
    crf = capital_recovery_factor(p["cost_of_capital"], p["hw_life_years"])
    return capex_per_mw * crf + facility_cost(p) + power_cost(p)


def allin_capex(p: Params) -> np.ndarray | float:
    """USD per MW-year from an all-in capex per MW (building included), annualised, plus electricity."""
    crf = capital_recovery_factor(p["cost_of_capital"], p["hw_life_years"])
    return p["allin_capex_usd_per_mw"] * crf + power_cost(p)


def gpu_rental(p: Params) -> np.ndarray | float:
    """USD per MW-year paid to rent H100s on demand: USD per GPU-hour x 8760 x GPUs per MW of server power."""
    gpus_per_mw = GPUS_PER_DGX / (p["dgx_h100_system_kw"] / 1000.0)
    return p["h100_usd_per_gpu_hour"] * HOURS_PER_YEAR * gpus_per_mw


COST_ROUTES: dict[str, tuple[str, Callable[[Params], np.ndarray | float]]] = {
    "cerebras_build": ("Cost: Cerebras CS-3 systems, rent and power", cerebras_build),
    "gpu_build": ("Cost: NVIDIA DGX B200 servers, rent and power", gpu_build),
    "allin_capex": ("Cost: all-in capex per MW quoted by CEOs", allin_capex),
    "gpu_rental": ("Market: renting H100s on demand", gpu_rental),
}


def deal_usd_per_mw_year(value_usd_bn: float, p: Params) -> np.ndarray | float:
    """A deal value in USD per MW-year of delivered capacity: value / (MW x term x average share in service)."""
    return value_usd_bn * 1e9 / (p["contract_mw"] * p["contract_years"] * p["ramp_share"])


def interval(draws: np.ndarray, level: float = INTERVAL_LEVEL) -> dict[str, float]:
    """Median and central `level` interval (5th and 95th percentiles for 0.90) of a sample."""
    tail = (1 - level) / 2
    lo, mid, hi = np.quantile(np.asarray(draws, dtype=float), [tail, 0.5, 1 - tail])
    return {"median": float(mid), "low": float(lo), "high": float(hi)}


def cost_benchmarks(draws: pd.DataFrame) -> pd.DataFrame:
    """Median and 90% interval of every cost route, USD million per MW-year."""
    rows = []
    for key, (label, fn) in COST_ROUTES.items():
        stats = interval(fn(draws) / 1e6)
        rows.append({"series": key, "label": label, "kind": "market" if key == "gpu_rental" else "cost"} | stats)
    return pd.DataFrame(rows)


def reported_versions(values: pd.DataFrame, draws: pd.DataFrame) -> pd.DataFrame:
    """Each distinct reported value (columns `headline_usd_bn`, `is_article_claim`) in USD million per MW-year,
    median and 90% interval over the ramp-share draws."""
    rows = []
    distinct = values.drop_duplicates(["headline_usd_bn", "is_article_claim"])
    for rec in distinct.sort_values("headline_usd_bn").to_dict("records"):
        stats = interval(deal_usd_per_mw_year(rec["headline_usd_bn"], draws) / 1e6)
        source = "the article" if rec["is_article_claim"] else "other reports"
        rows.append(
            {
                "series": f"deal_{rec['headline_usd_bn']:g}",
                "label": f"${rec['headline_usd_bn']:g}B over 3 years ({source})",
                "kind": "article" if rec["is_article_claim"] else "reported",
                "value_usd_bn": float(rec["headline_usd_bn"]),
            }
            | stats
        )
    return pd.DataFrame(rows)


def tornado(priors: pd.DataFrame, fn: Callable[[Params], np.ndarray | float]) -> pd.DataFrame:
    """One-at-a-time sensitivity: output with each sampled input at its low and its high, others central.

    Returns one row per input that moves the output, sorted by swing (largest first), in the output's units.
    """
    table = prior_table(priors)
    base = central(priors)
    at_central = float(fn(base))
    rows = []
    for name, row in table[(table["role"] == "mc_input") & (table["distribution"] != "fixed")].iterrows():
        low = float(fn(base | {name: float(row["low"])}))
        high = float(fn(base | {name: float(row["high"])}))
        if low != at_central or high != at_central:
            rows.append(
                {
                    "parameter": name,
                    "output_at_low": low,
                    "output_at_high": high,
                    "swing": abs(high - low),
                    "central_output": at_central,
                }
            )
    return pd.DataFrame(rows).sort_values("swing", ascending=False).reset_index(drop=True)


def warrant_value_usd_bn(shares_m: float, price_usd: float, strike_usd: float = 0.0) -> float:
    """Intrinsic value of a warrant in USD billion: shares x (share price - exercise price)."""
    return shares_m * 1e6 * max(price_usd - strike_usd, 0.0) / 1e9


def effective_rebate(warrant_usd_bn: float, spend_usd_bn: float) -> float:
    """Warrant value as a share of the purchases it rewards (a fraction): the effective discount on spend."""
    return warrant_usd_bn / spend_usd_bn


def tokens_per_year(p: Params) -> np.ndarray | float:
    """Output tokens a year from the contract's delivered capacity: MW x share in service x tokens/s per MW x
    utilisation x seconds per year. An estimate: throughput per MW is a proxy from GPU benchmarks."""
    return p["contract_mw"] * p["ramp_share"] * p["tokens_per_s_per_mw"] * p["utilisation_share"] * SECONDS_PER_YEAR


def usd_per_mtok(value_usd_bn: float, p: Params) -> np.ndarray | float:
    """Implied price per million output tokens: yearly spend / (tokens a year / 1e6)."""
    spend_per_year = value_usd_bn * 1e9 / p["contract_years"]
    return spend_per_year / (tokens_per_year(p) / 1e6)
