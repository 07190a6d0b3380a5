"""The figure registry, the report theme, and the exports (byte-stable, complete, citable).

The pipeline is exercised with a made-up figure (tests/sample_figure.py) registered only for the test; the
figures the chapters register are checked against the same rules in `test_registered_figure_*`.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import struct
from pathlib import Path

import altair as alt
import pandas as pd
import pytest
import sample_figure
import vl_convert as vlc
import yaml

from analysis import charts, citation, export, figures
from analysis.paths import ROOT, STATIC_DIR
from analysis.precision import round_frame

OKABE_ITO = {"#000000", "#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7"}


@pytest.fixture
def sample():
    """The sample figure, registered for one test and removed afterwards."""
    fig = figures.register(sample_figure.make())
    yield fig
    figures.unregister(fig.id)


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> dict[str, Path]:
    """The sample figures (layered and concatenated) exported twice into separate folders."""
    figs = {
        sample_figure.SAMPLE_ID: sample_figure.make(),
        "fig-test-concat": sample_figure.make("fig-test-concat", chart=sample_figure.concat_chart),
    }
    runs = {}
    for run in ("a", "b"):
        out = tmp_path_factory.mktemp(f"export-{run}")
        export.export_all(out, figures=figs)
        runs[run] = out
    return runs


# ---- registry rules --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "bad_id", ["", "fig", "fig-x", "Fig-deals-x", "fig-deals_x", "figure-deals-x", "fig-deals-x ", "fig--x"]
)
def test_register_rejects_malformed_ids(bad_id):
    with pytest.raises(ValueError, match="fig-<topic>-<slug>"):
        figures.register(sample_figure.make(bad_id))
    assert bad_id not in figures.REGISTRY


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("title", "", "title must be a non-empty string"),
        ("caption", "  ", "caption must be a non-empty string"),
        ("alt", "", "alt must be a non-empty string"),
        ("units", "", "units must be a non-empty string"),
        ("source", "Epoch AI", "must start with 'Source'"),
        ("page", "chapters/03_cost_declines.ipynb", "docname"),
        ("page", "", "page must be a non-empty string"),
        ("datasets", (), "datasets"),
        ("datasets", ["models"], "datasets"),
        ("data", None, "callables"),
    ],
)
def test_register_rejects_incomplete_figures(field, value, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        figures.register(sample_figure.make(**{field: value}))
    assert sample_figure.SAMPLE_ID not in figures.REGISTRY


def test_register_rejects_a_duplicate_id(sample):
    with pytest.raises(ValueError, match="registered twice"):
        figures.register(sample_figure.make())
    assert figures.get(sample.id) is sample


@pytest.mark.parametrize("fig_id", ["", "fig-nobody-registered-this"])
def test_get_unknown_or_empty_id_raises(fig_id):
    with pytest.raises(KeyError):
        figures.get(fig_id)


# ---- theme -----------------------------------------------------------------------------------------------


def test_theme_is_enabled_with_okabe_ito_palette_and_shipped_font():
    assert alt.theme.active == charts.THEME_NAME
    config = alt.Chart(pd.DataFrame({"x": [1]})).mark_point().encode(x="x:Q").to_dict()["config"]
    assert config["range"]["category"] == charts.PALETTE
    assert {c.upper() for c in charts.PALETTE} == OKABE_ITO
    assert charts.PALETTE[-1].upper() == "#F0E442"  # yellow last: faint on white
    assert config["font"].startswith(charts.FONT_FAMILY)


def _ttf_family(path: Path) -> str:
    """The family name (name id 1, Windows/Unicode record) of a TrueType font."""
    data = path.read_bytes()
    num_tables = struct.unpack(">H", data[4:6])[0]
    for i in range(num_tables):
        tag, _, offset, _ = struct.unpack(">4sIII", data[12 + 16 * i : 28 + 16 * i])
        if tag == b"name":
            _, count, strings = struct.unpack(">HHH", data[offset : offset + 6])
            for j in range(count):
                rec = offset + 6 + 12 * j
                platform, _, _, name_id, length, str_off = struct.unpack(">HHHHHH", data[rec : rec + 12])
                if name_id == 1 and platform == 3:
                    start = offset + strings + str_off
                    return data[start : start + length].decode("utf-16-be")
    raise AssertionError(f"{path} has no family name")


def test_shipped_font_files_licence_and_css_agree():
    ttfs = sorted(charts.FONTS_DIR.glob("*.ttf"))
    assert len(ttfs) >= 2 and (charts.FONTS_DIR / "OFL.txt").read_text().count("SIL OPEN FONT LICENSE") >= 1
    assert {_ttf_family(p) for p in ttfs} == {charts.FONT_FAMILY}
    css = (STATIC_DIR / "report.css").read_text()
    urls = re.findall(r"url\(\"?([^\")]+)\"?\)", css)
    assert urls and all((STATIC_DIR / u).is_file() for u in urls)
    assert f'font-family: "{charts.FONT_FAMILY}"' in css


def test_static_export_draws_text_with_the_shipped_font():
    charts.register_fonts()
    spec = alt.Chart(pd.DataFrame({"x": [1, 2]})).mark_point().encode(x=alt.X("x:Q", title="Tokens")).to_dict()
    svg = vlc.vegalite_to_svg(spec, allowed_base_urls=[])
    assert f'font-family="{charts.FONT_FAMILY}' in svg.replace("&quot;", "")


def test_log_axes_say_so_once_and_formats_are_shared():
    assert charts.log_axis("Price").title == "Price (log scale)"
    assert charts.log_axis("Price (log scale)").title == "Price (log scale)"
    assert charts.usd_axis("Price (USD per million tokens)", log=True).title.endswith("(log scale)")
    assert charts.usd_axis("Deal value (USD billion)").format.startswith("$")
    assert "'G', 'B'" in charts.tokens_axis("Tokens per week").labelExpr
    assert charts.pct_axis("Share").format == ".0%"
    assert charts.log_scale().type == "log"


# ---- finish(): title, source line, alt text, any kind of chart -------------------------------------------


def _texts(title: dict | str | list) -> str:
    """A (possibly wrapped) Vega-Lite title as one line."""
    text = title["text"] if isinstance(title, dict) else title
    return " ".join(text) if isinstance(text, list) else text


def _one_line(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize(
    "builder",
    [
        sample_figure.layered_chart,
        sample_figure.concat_chart,
        lambda df: alt.Chart(df).mark_line().encode(x="release_date:T", y="usd_per_mtok:Q").facet("model:N"),
    ],
    ids=["layer", "hconcat", "facet"],
)
def test_finish_draws_title_source_and_alt_for_any_chart(builder):
    fig = sample_figure.make(chart=builder)
    spec = fig.build().to_dict()
    assert _texts(spec["title"]) == _one_line(fig.title)
    assert spec["description"] == fig.alt
    (plot,) = spec["vconcat"]
    assert _texts(plot["title"]) == _one_line(fig.source) and plot["title"]["orient"] == "bottom"
    svg = vlc.vegalite_to_svg(spec, allowed_base_urls=[])
    assert "Source: synthetic test data" in svg and "Made-up prices" in svg


def test_finish_wraps_long_titles_within_the_chart_width():
    fig = sample_figure.make(title="A finding " * 20, source="Source: " + "a long list of sources, " * 12)
    spec = fig.build().to_dict()
    assert len(spec["title"]["text"]) > 1 and _texts(spec["title"]) == _one_line(fig.title)
    limit = charts.CHART_WIDTH_PX / (0.55 * charts.TITLE_FONT_SIZE)
    assert all(len(line) <= limit for line in spec["title"]["text"])


def test_finish_rejects_a_title_set_by_the_builder():
    fig = sample_figure.make(chart=lambda df: sample_figure.layered_chart(df).properties(title="Axis soup"))
    with pytest.raises(ValueError, match="sets a title"):
        fig.build()


# ---- notebook output: glue HTML, links, figure index ------------------------------------------------------


def test_chart_html_has_a_stable_container_and_the_vendored_versions(sample):
    html_a = figures.chart_html(sample.id, sample.spec())
    html_b = figures.chart_html(sample.id, sample.spec())
    assert html_a == html_b, "glued chart HTML must not change between runs (nbval, caches)"
    assert f'id="vega-{sample.id}"' in html_a and "altair-viz-" not in html_a
    versions = _vega_debug_versions()
    for lib, version in (("vega", versions["vega"]), ("vega-lite", versions["vegalite"])):
        assert f'maybeLoadScript("{lib}", "{version}")' in html_a
    assert '"renderer": "svg"' in html_a


def test_links_offer_four_downloads_and_a_citation(sample):
    html = figures.links_html(sample)
    for suffix in (".png", ".svg", ".csv", ".vl.json"):
        assert f'href="../_static/figures/{sample.id}{suffix}"' in html
    assert "<details" in html and "Cite this figure" in html and "@misc{fig_test_sample" in html
    assert "30% a quarter" in html  # the title, HTML-escaped where needed
    assert figures.links(sample.id).data == html


def test_figure_index_lists_figures_and_survives_an_empty_registry(sample):
    assert "No figures are registered yet" in figures.figure_index_html({})
    html = figures.figure_index_html({sample.id: sample})
    assert f'href="../chapters/03_cost_declines.html#{sample.id}"' in html
    assert f"../_static/figures/{sample.id}.csv" in html and "figures.json" in html


# ---- exports --------------------------------------------------------------------------------------------


def test_export_is_byte_identical_from_run_to_run(exported):
    names_a = sorted(p.name for p in exported["a"].iterdir())
    names_b = sorted(p.name for p in exported["b"].iterdir())
    assert names_a == names_b and len(names_a) == 2 * 4 + 1
    for name in names_a:
        a, b = (exported["a"] / name).read_bytes(), (exported["b"] / name).read_bytes()
        assert hashlib.sha256(a).digest() == hashlib.sha256(b).digest(), f"{name} differs between runs"


def test_png_is_twice_the_svg_size_without_metadata_chunks(exported):
    png = (exported["a"] / f"{sample_figure.SAMPLE_ID}.png").read_bytes()
    chunks = [kind for kind, _ in export._png_chunks(png)]
    assert chunks[0] == b"IHDR" and chunks[-1] == b"IEND"
    assert not {b"tEXt", b"iTXt", b"zTXt", b"tIME"} & set(chunks)
    width, height = struct.unpack(">II", png[16:24])
    svg = (exported["a"] / f"{sample_figure.SAMPLE_ID}.svg").read_text()
    svg_w, svg_h = (int(v) for v in re.search(r'width="(\d+)" height="(\d+)"', svg).groups())
    assert (width, height) == (export.PNG_SCALE * svg_w, export.PNG_SCALE * svg_h)


def test_csv_holds_exactly_the_plotted_rows(exported):
    expected = round_frame(sample_figure.sample_data())  # published values follow the one rounding rule
    got = pd.read_csv(exported["a"] / f"{sample_figure.SAMPLE_ID}.csv", parse_dates=["release_date"])
    pd.testing.assert_frame_equal(got, expected, check_dtype=False, check_exact=True)


def test_vega_lite_spec_is_the_finished_chart_and_redraws(exported):
    spec = json.loads((exported["a"] / f"{sample_figure.SAMPLE_ID}.vl.json").read_text())
    assert spec == export.imprinted(sample_figure.make().spec())
    assert spec["$schema"].endswith(f"{alt.SCHEMA_VERSION}.json")
    (rows,) = spec["datasets"].values()
    assert len(rows) == len(sample_figure.sample_data())


def test_manifest_describes_and_cites_every_figure(exported):
    manifest = json.loads((exported["a"] / export.MANIFEST_NAME).read_text())
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text())
    assert manifest["report"]["version"] == str(cff["version"])
    assert manifest["report"]["data_as_of"] == export.DATA_AS_OF
    assert [f["id"] for f in manifest["figures"]] == ["fig-test-concat", sample_figure.SAMPLE_ID]
    entry = manifest["figures"][1]
    fig = sample_figure.make()
    for key in ("title", "caption", "alt", "units", "source", "page"):
        assert entry[key] == getattr(fig, key)
    assert entry["datasets"] == list(fig.datasets)
    assert entry["url_path"] == f"chapters/03_cost_declines.html#{fig.id}"
    assert entry["report_version"] == str(cff["version"]) and entry["data_as_of"] == export.DATA_AS_OF
    assert set(entry["files"]) == {"png", "svg", "csv", "vega_lite"}
    assert all((exported["a"] / Path(p).name).stat().st_size > 0 for p in entry["files"].values())
    assert fig.id in entry["citation"] and str(cff["version"]) in entry["citation"]
    assert cff["url"].rstrip("/") + "/" + entry["url_path"] in entry["citation"]
    bib = entry["bibtex"]
    assert bib.count("{") == bib.count("}") and r"30\% a quarter" in bib


def test_export_removes_files_of_figures_no_longer_registered(tmp_path):
    stale = tmp_path / "fig-old-gone.svg"
    stale.write_text("<svg/>")
    unrelated = tmp_path / "notes.txt"
    unrelated.write_text("kept")
    lines = export.export_all(tmp_path, figures={})
    assert not stale.exists() and unrelated.exists()
    assert json.loads((tmp_path / export.MANIFEST_NAME).read_text())["figures"] == []
    assert any("removed stale fig-old-gone.svg" in line for line in lines)


def test_bibtex_escapes_latex_specials():
    assert citation.bibtex_escape("50% & $3 #1 a_b ~x") == r"50\% \& \$3 \#1 a\_b \textasciitilde{}x"


def test_csv_dates_without_time_are_plain_iso_dates():
    df = pd.DataFrame({"day": pd.to_datetime(["2026-01-01", "2026-02-01"]), "v": [0.1, 1 / 3]})
    text = export.data_csv(df)
    assert text.splitlines()[1] == "2026-01-01,0.1"
    assert float(pd.read_csv(io.StringIO(text))["v"][1]) == 1 / 3


# ---- vendored JavaScript ---------------------------------------------------------------------------------


def _vega_debug_versions() -> dict[str, str]:
    js = (STATIC_DIR / "vega-versions.js").read_text()
    return dict(re.findall(r'VEGA_DEBUG\["(\w+)_version"\] = "([^"]+)"', js))


def test_vega_versions_record_what_altair_asks_for():
    from altair.vegalite.v6 import VEGA_VERSION, VEGAEMBED_VERSION, VEGALITE_VERSION

    assert _vega_debug_versions() == {
        "vega": VEGA_VERSION,
        "vegalite": VEGALITE_VERSION,
        "vegaembed": VEGAEMBED_VERSION,
    }


def test_vendored_libraries_match_their_recorded_versions_and_hashes():
    from altair.vegalite.v6 import VEGA_VERSION, VEGAEMBED_VERSION, VEGALITE_VERSION

    vendor = STATIC_DIR / "vendor"
    rows = [line.split() for line in (vendor / "VERSIONS.txt").read_text().splitlines() if not line.startswith("#")]
    recorded = {name: (version, file, sha) for name, version, file, sha in rows}
    for name, wanted in (("vega", VEGA_VERSION), ("vega-lite", VEGALITE_VERSION), ("vega-embed", VEGAEMBED_VERSION)):
        version, file, sha = recorded[name]
        assert version == wanted or version.startswith(wanted + "."), f"{name} {version} does not satisfy {wanted}"
        payload = (vendor / file).read_bytes()
        assert len(payload) > 10_000 and hashlib.sha256(payload).hexdigest() == sha
        assert (vendor / f"LICENSE.{name}").is_file()
    assert f'"{VEGALITE_VERSION}"' in (vendor / "vega-lite.min.js").read_text()[:400]


def test_config_loads_vendored_scripts_and_mathjax():
    config = yaml.safe_load((ROOT / "_config.yml").read_text())["sphinx"]["config"]
    js = config["html_js_files"]
    assert js[:3] == ["vendor/vega.min.js", "vendor/vega-lite.min.js", "vendor/vega-embed.min.js"]
    assert "vega-versions.js" in js and "report.css" in config["html_css_files"]
    mathjax = config["mathjax_path"]
    assert not mathjax.startswith(("http:", "https:", "//")) and (STATIC_DIR / mathjax).is_file()
    # jupyter-book adds every _static/**/*.js to every page: MathJax must not be one of them
    assert not mathjax.endswith(".js")


# ---- the report's own figures -----------------------------------------------------------------------------

REGISTERED = sorted(figures.all_figures())


def test_every_chapter_registers_figures():
    pages = {fig.page for fig in figures.all_figures().values()}
    for chapter in ("01_deal_terms", "02_inference_shift", "03_cost_declines", "appendix_claims"):
        assert f"chapters/{chapter}" in pages, f"no figure registered for chapters/{chapter}"


@pytest.mark.parametrize("fig_id", REGISTERED)
def test_registered_figure_follows_the_contract(fig_id):
    fig = figures.get(fig_id)
    figures.check(fig)
    df = fig.data()
    assert 0 < len(df) <= figures.MAX_ROWS
    spec = fig.finished(df).to_dict()
    assert _texts(spec["title"]) == _one_line(fig.title) and spec["description"] == fig.alt
    page = ROOT / fig.page
    assert page.with_suffix(".ipynb").exists() or page.with_suffix(".md").exists(), f"{fig.page} has no source"
    assert fig.page in (ROOT / "_toc.yml").read_text()
