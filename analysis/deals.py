"""Deal normalisation: headline values, USD per year, per MW and per MW-year, and cumulative commitments.

Inputs are the curated `compute_deals` rows (one per deal per source version). Where a deal has several versions
the functions either keep them all (for side-by-side comparison) or pick the consensus version explicitly
(`consensus_versions`), never silently.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

USD_PER_BN = 1e9
STRONG_GRADES = ("A", "B")  # a primary source, or a reputable secondary one; C is unconfirmed
CEREBRAS_OPENAI = ("CER-01", "CER-02", "CER-03")  # the OpenAI-Cerebras agreements (CER-04/05 are background)

# Ledger rows that are a second source for a deal listed under another id.
DUPLICATE_OF: dict[str, str] = {"OAI-AMD-02": "OAI-AMD-01"}
# Deals left out of OpenAI's cumulative commitments, with the reason (shown in the chapter).
CUMULATIVE_EXCLUDED: dict[str, str] = {
    "OAI-AMD-02": "a second source for OAI-AMD-01 (same 6 GW deal)",
    "OAI-TOTAL": "an aggregate of the other deals (Altman's ~30 GW / ~$1.4T), not a deal",
    "OAI-STG-01": "Stargate joint-venture plan; its sites are the Oracle and CoreWeave deals counted separately",
    "OAI-STG-02": "Stargate site update; overlaps the Oracle and CoreWeave deals",
    "OAI-NVDA-01": "non-binding letter of intent, reported in Feb 2026 as never finalised",
    "OAI-NVDA-02": "an equity investment into OpenAI, not a purchase by OpenAI",
    "CER-03": "the S-1's description of the same agreement as CER-02",
}
# A later version of a deal that restates (and enlarges) an earlier one: count only the increment in value, and
# do not count its capacity twice. Key: later deal; value: the deal it includes.
INCLUDES_EARLIER: dict[str, str] = {
    "CER-02": "CER-01",  # the ~$20B agreement covers the January 750 MW (reports: 'roughly double')
    "OAI-ORCL-02": "OAI-ORCL-01",  # the reported $300B is the price of the 4.5 GW announced in July 2025
}


def headline_usd_bn(deals: pd.DataFrame) -> pd.Series:
    """The headline value of each row in USD billion: the stated floor ('over X', range low, exact, about)
    where there is one, else the cap of an 'up to' value; NaN when undisclosed."""
    return deals["value_low_usd_bn"].fillna(deals["value_high_usd_bn"])


def normalise(deals: pd.DataFrame) -> pd.DataFrame:
    """Add headline value and its normalisations: USD bn per year, USD million per MW, USD million per MW-year.

    Per-year figures divide by the stated term; per-MW figures by the stated capacity; rows without the
    denominator get NaN (no term or capacity is imputed).
    """
    out = deals.copy()
    value = headline_usd_bn(out)
    out["headline_usd_bn"] = value
    out["usd_bn_per_year"] = value / out["duration_years"]
    out["usd_m_per_mw"] = value * 1000 / out["capacity_mw"]
    out["usd_m_per_mw_year"] = value * 1000 / (out["capacity_mw"] * out["duration_years"])
    return out


def consensus_versions(deals: pd.DataFrame) -> pd.DataFrame:
    """One row per deal: the most common headline value among versions not from the article under examination.

    Ties go to the better grade (A before C), then the earlier version letter. Article versions are used only
    when a deal has no other version. Returns the chosen rows with an added `n_versions` column.
    """
    frame = deals.assign(headline_usd_bn=headline_usd_bn(deals))
    chosen = []
    for _deal_id, rows in frame.groupby("deal_id", sort=True):
        pool = rows[~rows["is_article_claim"]] if (~rows["is_article_claim"]).any() else rows
        counts = pool["headline_usd_bn"].fillna(-1).map(pool["headline_usd_bn"].fillna(-1).value_counts())
        ranked = pool.assign(_n=counts).sort_values(["_n", "grade", "version_id"], ascending=[False, True, True])
        chosen.append(ranked.iloc[0].drop("_n").to_dict() | {"n_versions": len(rows)})
    return pd.DataFrame(chosen).reset_index(drop=True)


def openai_deals(deals: pd.DataFrame) -> pd.DataFrame:
    """OpenAI's purchase commitments (consensus version of each), normalised; aggregates and financing dropped."""
    mine = deals[deals["buyer"].str.startswith("OpenAI") & (deals["purpose"] != "financing")]
    mine = mine[(mine["deal_id"] != "OAI-TOTAL") & ~mine["deal_id"].isin(DUPLICATE_OF)]
    return normalise(consensus_versions(mine).drop(columns="headline_usd_bn"))


def cumulative_commitments(deals: pd.DataFrame) -> pd.DataFrame:
    """OpenAI's cumulative commitments over time in USD bn and GW: all deals, confirmed-only, and confirmed on a
    strong source (`_confirmed_ab`: stated by a party or a filing AND read on a grade A or B page).

    Method: consensus version of each OpenAI deal; drop `CUMULATIVE_EXCLUDED`; a deal that restates an earlier
    one (`INCLUDES_EARLIER`) adds only its increase in value and no capacity. Undisclosed values add 0 USD but
    their capacity counts. Returns one row per deal in date order with increments and running totals.
    """
    base = consensus_versions(deals[deals["buyer"].str.startswith("OpenAI")])
    base = base[~base["deal_id"].isin(CUMULATIVE_EXCLUDED)].copy()
    value = base.set_index("deal_id")["headline_usd_bn"]
    base["add_usd_bn"] = base["headline_usd_bn"].fillna(0.0)
    base["add_gw"] = base["capacity_gw"].fillna(0.0)
    for later, earlier in INCLUDES_EARLIER.items():
        if later in value.index and earlier in value.index:
            is_later = base["deal_id"] == later
            base.loc[is_later, "add_usd_bn"] = float(np.nan_to_num(value[later]) - np.nan_to_num(value[earlier]))
            base.loc[is_later, "add_gw"] = 0.0
    base = base.sort_values(["announced", "deal_id"]).reset_index(drop=True)
    conf = base["confirmed"].astype(bool)
    strong = conf & base["grade"].isin(STRONG_GRADES)
    for suffix, keep in (("all", pd.Series(True, index=base.index)), ("confirmed", conf), ("confirmed_ab", strong)):
        base[f"cum_usd_bn_{suffix}"] = base["add_usd_bn"].where(keep, 0.0).cumsum()
        base[f"cum_gw_{suffix}"] = base["add_gw"].where(keep, 0.0).cumsum()
    cols = [
        "deal_id",
        "announced",
        "seller",
        "confirmed",
        "grade",
        "publisher",
        "headline_usd_bn",
        "add_usd_bn",
        "add_gw",
        "cum_usd_bn_all",
        "cum_gw_all",
        "cum_usd_bn_confirmed",
        "cum_gw_confirmed",
        "cum_usd_bn_confirmed_ab",
        "cum_gw_confirmed_ab",
    ]
    return base[cols]


def confirmed_on_weak_sources(cumulative: pd.DataFrame) -> pd.DataFrame:
    """Deals counted as confirmed (stated by a party or a filing) whose dollars were read only on a grade-C page:
    the gap between the confirmed and the confirmed-on-A/B totals.
    Columns: deal_id, seller, add_usd_bn, grade, publisher."""
    weak = cumulative[
        cumulative["confirmed"].astype(bool) & ~cumulative["grade"].isin(STRONG_GRADES) & (cumulative["add_usd_bn"] > 0)
    ]
    return weak[["deal_id", "seller", "add_usd_bn", "grade", "publisher"]].reset_index(drop=True)


def undisclosed_value_deals(openai: pd.DataFrame) -> pd.DataFrame:
    """OpenAI deals (as from `openai_deals`) with no dollar value, in date order, with a short display name:
    seller without its bracket, plus the capacity where one is stated ("AMD (6 GW)")."""
    rows = openai[openai["headline_usd_bn"].isna()].sort_values(["announced", "deal_id"])
    seller = rows["seller"].str.replace(r" \(.*\)", "", regex=True)
    gw = rows["capacity_gw"].map(lambda v: "" if pd.isna(v) else f" ({v:g} GW)")
    return rows.assign(name=seller + gw)[["deal_id", "name", "announced", "capacity_gw"]].reset_index(drop=True)


def join_names(names: list[str]) -> str:
    """'A', 'A and B', 'A, B and C': a list of names as English text."""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def cerebras_versions(deals: pd.DataFrame, contract_mw: float, contract_years: float) -> pd.DataFrame:
    """Every source version of the OpenAI-Cerebras agreements (CER-01..03) with headline value and USD million per
    MW-year at the January agreement's capacity and term (`contract_mw`, `contract_years`, from `cost_priors`),
    capacity in full service for the whole term."""
    rows = normalise(deals[deals["deal_id"].isin(CEREBRAS_OPENAI)])
    rows["usd_m_per_mw_year_at_contract"] = rows["headline_usd_bn"] * 1000 / (contract_mw * contract_years)
    return rows.sort_values(["announced", "deal_id", "version_id"]).reset_index(drop=True)


# How the chapter names each OpenAI-Cerebras record for a reader.
CEREBRAS_AGREEMENT_NAMES = {
    "CER-01": "January 2026 agreement",
    "CER-02": "April 2026 expansion",
    "CER-03": "April 2026 terms, from the S-1",
}


def reported_value_text(low: float, high: float, basis: str) -> str:
    """A reported value as the source states it, in USD billion: 'over 10', '20 to 30', 'about 20', 'up to 5',
    '1.43'; '' when undisclosed."""

    def num(v: float) -> str:
        return f"{v:,.4g}"

    if pd.isna(low) and pd.isna(high):
        return ""
    if basis == "range" and pd.notna(high) and high != low:
        return f"{num(low)} to {num(high)}"
    if basis == "up to":
        return f"up to {num(high if pd.notna(high) else low)}"
    value = num(low if pd.notna(low) else high)
    return {"over": f"over {value}", "about": f"about {value}"}.get(basis, value)


def cerebras_versions_display(deals: pd.DataFrame) -> pd.DataFrame:
    """Every source version of the OpenAI-Cerebras agreements as the chapter shows it, one fact per cell: which
    agreement, the date the source gives, the value as stated (USD billion), the publisher, its grade, and whether
    it is the article. Per-MW figures are not repeated here: the chapter states one (per MW-year of capacity in
    service, with its interval) in the text and figure."""
    rows = normalise(deals[deals["deal_id"].isin(CEREBRAS_OPENAI)])
    rows = rows.sort_values(["announced", "deal_id", "version_id"]).reset_index(drop=True)
    return pd.DataFrame(
        {
            "Agreement": rows["deal_id"].map(CEREBRAS_AGREEMENT_NAMES),
            "Date given": rows["announced"].map(lambda d: f"{d.day} {d:%b %Y}"),
            "Value reported (USD billion)": [
                reported_value_text(lo, hi, b)
                for lo, hi, b in zip(
                    rows["value_low_usd_bn"], rows["value_high_usd_bn"], rows["value_basis"], strict=True
                )
            ],
            "Publisher": rows["publisher"],
            "Grade": rows["grade"],
            "The article?": rows["is_article_claim"].map({True: "yes", False: "no"}),
        }
    )


def _prior_number(value: float) -> str:
    from analysis.tables import readable_number

    return readable_number(value, 4)


# Formats of `priors_display`'s number columns: four significant digits, separators, no scientific notation.
PRIOR_FORMATS = {"Low": _prior_number, "Central": _prior_number, "High": _prior_number}
# The units of the priors as a reader reads them.
_UNIT_WORDS = {"fraction": "share (0 to 1)", "ratio": "ratio"}


def priors_display(priors: pd.DataFrame) -> pd.DataFrame:
    """The `cost_priors` table cut to what a reader needs on the page: what each input is, its unit, its range
    (low, central, high), whether the Monte Carlo draws it, the source (linked) and its grade. Distribution, role
    and how each range was set are in the full table (`cost_priors.csv`, linked from the chapter)."""
    p = priors.reset_index(drop=True)
    drawn = (p["role"] == "mc_input") & (p["distribution"] != "fixed") & (p["low"] != p["high"])
    return pd.DataFrame(
        {
            "Input": p["label"],
            "Unit": p["unit"].map(lambda u: _UNIT_WORDS.get(u, u)),
            "Low": p["low"].astype(float),
            "Central": p["central"].astype(float),
            "High": p["high"].astype(float),
            "Drawn at random?": drawn.map({True: "yes", False: "no (fixed)"}),
            "Source": p["publisher"].fillna("").astype(str),
            "url": p["source_url"].fillna("").astype(str),
            "Grade": p["grade"],
        }
    )


def priors_varied(priors: pd.DataFrame, outputs: dict | None = None) -> pd.DataFrame:
    """The priors the Monte Carlo draws at random (role mc_input, a range) that change at least one of its
    outputs (a cost route, a deal's USD per MW-year, tokens a year, USD per million output tokens), tested one at a
    time at the prior's low and high with every other input central. Columns: parameter, label, moves_output."""
    from analysis import scenarios as sc

    fns = outputs or {
        **{k: fn for k, (_, fn) in sc.COST_ROUTES.items()},
        "deal_usd_per_mw_year": lambda p: sc.deal_usd_per_mw_year(20.0, p),
        "tokens_per_year": sc.tokens_per_year,
        "usd_per_mtok": lambda p: sc.usd_per_mtok(20.0, p),
    }
    base = sc.central(priors)
    table = priors.set_index("parameter")
    drawn = table[(table["role"] == "mc_input") & (table["distribution"] != "fixed") & (table["low"] != table["high"])]
    rows = []
    for name, row in drawn.iterrows():
        moves = any(
            float(fn(base | {name: float(row["low"])})) != float(fn(base | {name: float(row["high"])}))
            for fn in fns.values()
        )
        rows.append({"parameter": name, "label": row["label"], "moves_output": moves})
    return pd.DataFrame(rows)


def openai_agreements(openai: pd.DataFrame) -> pd.DataFrame:
    """OpenAI's deal records (as from `openai_deals`) counted as agreements: a record that restates another one
    (`INCLUDES_EARLIER`: the later one stands for both; the S-1's description of the April Cerebras terms) or that
    is not an agreement (Stargate plans whose sites are other deals, Nvidia's letter of intent, never finalised)
    is left out, as in the cumulative sums."""
    earlier = set(INCLUDES_EARLIER.values())
    keep = ~openai["deal_id"].isin(CUMULATIVE_EXCLUDED) & ~openai["deal_id"].isin(earlier)
    return openai[keep].reset_index(drop=True)


def deal_count_numbers(numbers: dict, openai: pd.DataFrame, priors: pd.DataFrame) -> dict[str, int | str]:
    """Counts chapter 1 states beside `analysis.figs.deals.chapter_numbers` (its output is `numbers`): agreements
    rather than records, the priors that are drawn at random and move a result, and two grade counts as words
    ('all 12' rather than '12 of the 12')."""
    from analysis.tables import of_count

    agreements = openai_agreements(openai)
    return {
        "n_openai_agreements": len(agreements),
        "n_openai_agreements_with_value": int(agreements["headline_usd_bn"].notna().sum()),
        "n_priors_varied": int(priors_varied(priors)["moves_output"].sum()),
        "cerebras_grade_c_words": of_count(numbers["n_cerebras_grade_c"], numbers["n_cerebras_versions"]),
        "ratio_other_grade_c_words": of_count(numbers["n_ratio_other_grade_c"], numbers["n_ratio_other_rows"]),
    }


def output_price_numbers(price_history: pd.DataFrame, numbers: dict) -> dict[str, float]:
    """Like with like for the tokens section: OpenAI's API *output* list prices (USD per million output tokens,
    latest api_list_prices row of GPT-5, GPT-5 mini and GPT-5 nano) and the deal's implied cost per million output
    tokens (`usd_per_mtok_<20|200>_median` in `numbers`) divided by GPT-5's output price."""
    ph = price_history[price_history["source_kind"] == "api_list_prices"]
    out: dict[str, float] = {}
    for key, model in (("gpt5", "GPT-5"), ("gpt5_mini", "GPT-5 mini"), ("gpt5_nano", "GPT-5 nano")):
        rows = ph[ph["model"] == model].sort_values("effective_date")
        if rows.empty:
            raise ValueError(f"price_history has no API list price of {model}")
        out[f"output_price_{key}_usd_per_mtok"] = float(rows["output_usd_per_mtok"].iloc[-1])
    for deal in ("20", "200"):
        out[f"cost_{deal}_over_gpt5_output_x"] = (
            float(numbers[f"usd_per_mtok_{deal}_median"]) / out["output_price_gpt5_usd_per_mtok"]
        )
    return out


def article_ratio(events: pd.DataFrame, quantities: tuple[str, ...]) -> pd.DataFrame:
    """Per quantity, the article's value divided by the median of the other sources' values (headline = floor
    or cap as stated). A ratio of 10 is the x10 pattern."""
    sel = events[events["quantity"].isin(quantities)].copy()
    sel["value"] = sel["value_low"].fillna(sel["value_high"])
    art = sel[sel["is_article_claim"]].groupby(["event_id", "quantity"])["value"].first()
    other = sel[~sel["is_article_claim"]].groupby(["event_id", "quantity"])["value"].median()
    out = pd.DataFrame({"article": art, "others_median": other}).dropna()
    out["ratio"] = out["article"] / out["others_median"]
    return out.reset_index()


def cerebras_reported_values(deals: pd.DataFrame) -> pd.DataFrame:
    """Every distinct dollar figure reported for the OpenAI-Cerebras agreements (floors and caps alike), with
    whether it comes from the article under examination: the values to place on the USD per MW-year scale."""
    rows = deals[deals["deal_id"].isin(CEREBRAS_OPENAI)]
    long = pd.concat(
        [
            rows[["value_low_usd_bn", "is_article_claim"]].rename(columns={"value_low_usd_bn": "headline_usd_bn"}),
            rows[["value_high_usd_bn", "is_article_claim"]].rename(columns={"value_high_usd_bn": "headline_usd_bn"}),
        ]
    ).dropna()
    long["is_article_claim"] = long["is_article_claim"].astype(bool)
    return long.drop_duplicates().sort_values("headline_usd_bn").reset_index(drop=True)
