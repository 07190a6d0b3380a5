"""The figure registry, the report theme, and the exports (byte-stable, complete, citable).

The pipeline is exercised with a made-up figure (tests/sample_figure.py) registered only for the test; the
figures the chapters register are checked against the same rules in `test_registered_figure_*`.
"""

from __future__ import annotations

import functools
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

from analysis import charts, citation, drawing, export, figures
from analysis.paths import FONTS_DIR, ROOT, STATIC_DIR
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
    # Categories: Okabe-Ito without the article's vermillion and the orange that reads like it
    assert {c.upper() for c in charts.PALETTE} == OKABE_ITO - {c.upper() for c in charts.RESERVED}
    assert charts.PALETTE[-1].upper() == "#F0E442"  # yellow last: faint on white
    assert config["font"].startswith(charts.FONT_FAMILY)


def test_semantic_palette_gives_each_colour_one_meaning():
    semantic = [charts.ARTICLE, charts.REPORTED, charts.COST, charts.MARKET, charts.NEUTRAL]
    assert len(set(semantic)) == len(semantic)
    assert charts.ARTICLE == charts.OKABE_ITO["vermillion"] and charts.ARTICLE in charts.RESERVED
    assert not set(charts.RESERVED) & set(charts.PALETTE)
    assert list(charts.GRADE_LABELS.values()) == ["A primary", "B secondary", "C unconfirmed"]
    assert len(set(charts.GRADE_SHAPES)) == 3


def test_narrow_layout_is_built_inside_its_block_only():
    assert not charts.narrow() and charts.sized(1, 2) == 1
    with charts.layout("narrow"):
        assert charts.narrow() and charts.sized(1, 2) == 2
        assert charts.theme_config()["legend"]["orient"] == "bottom"
        assert isinstance(charts.side_by_side(alt.Chart().mark_point(), alt.Chart().mark_point()), alt.VConcatChart)
    assert not charts.narrow() and "orient" not in charts.theme_config()["legend"]
    with pytest.raises(ValueError, match="layout"), charts.layout("tablet"):
        pass


def test_narrow_safeguards_shrink_what_a_builder_left_wide():
    spec = {
        "hconcat": [{"width": 600, "mark": {"type": "text", "fontSize": 7}}],
        "encoding": {"color": {"field": "c", "type": "nominal", "legend": {"orient": "right"}}},
        "datasets": {"d": [{"c": "x", "width": 900}]},
    }
    out = charts.narrow_safeguards(spec)
    (view,) = out["vconcat"]
    assert view["width"] == charts.NARROW_PLOT_WIDTH_PX and view["mark"]["fontSize"] == charts.MIN_FONT_SIZE
    assert out["encoding"]["color"]["legend"]["orient"] == "bottom"
    assert out["datasets"] == spec["datasets"]  # data untouched


def test_long_labels_wrap_instead_of_being_cut():
    expr = charts.wrap_labels_expr(["short", "a rather long label that needs two lines"], 20)
    assert '"a rather long label that needs two lines": ["a rather long label", "that needs two lines"]' in expr
    assert "short" not in expr and expr.endswith("|| datum.label")
    assert charts.wrap_labels_expr(["short"], 20) == "datum.label"
    assert charts.log_title(["Price", "per token"]) == ["Price", "per token (log scale)"]


def test_labels_are_placed_without_overlaps():
    df = pd.DataFrame({"x": [1.0, 1.05, 1.1, 5.0], "y": [0.5, 0.5, 0.5, 0.5], "t": ["alpha", "beta", "gamma", ""]})
    placed = charts.place_labels(
        df, "x", "y", "t", x_scale=("linear", 0, 6), y_scale=("linear", 0, 1), width=300, height=200, font_size=10
    )
    shown = placed[placed["label_align"] != ""]
    assert len(shown) == 3 and placed.loc[3, "label_align"] == ""
    boxes = []
    for rec in shown.itertuples():
        px = charts.to_px([rec.label_x], ("linear", 0, 6), 300, flip=False)[0]
        py = charts.to_px([rec.label_y], ("linear", 0, 1), 200, flip=True)[0]
        w = charts.text_width_px(rec.t, 10)
        x0 = px if rec.label_align == "left" else px - w if rec.label_align == "right" else px - w / 2
        boxes.append((x0, py - 6, x0 + w, py + 6))
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1], (a, b)


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
    ttfs = sorted(FONTS_DIR.glob("*.ttf"))
    assert len(ttfs) >= 2 and (FONTS_DIR / "OFL.txt").read_text().count("SIL OPEN FONT LICENSE") >= 1
    assert {_ttf_family(p) for p in ttfs} == {charts.FONT_FAMILY}
    css = (STATIC_DIR / "report.css").read_text()
    urls = re.findall(r"url\(\"?([^\")]+)\"?\)", css)
    assert urls and all((STATIC_DIR / u).is_file() for u in urls)
    assert f'font-family: "{charts.FONT_FAMILY}"' in css


def test_static_export_draws_text_with_the_shipped_font():
    drawing.register_fonts()
    spec = alt.Chart(pd.DataFrame({"x": [1, 2]})).mark_point().encode(x=alt.X("x:Q", title="Tokens")).to_dict()
    svg = vlc.vegalite_to_svg(spec, allowed_base_urls=[])
    assert f'font-family="{charts.FONT_FAMILY}' in svg.replace("&quot;", "")


def test_a_drawing_is_measured_once_per_spec_and_renderer(tmp_path, monkeypatch):
    monkeypatch.setattr(drawing, "CACHE_DIR", tmp_path)
    monkeypatch.setattr(drawing, "_MEMO", {})
    spec = alt.Chart(pd.DataFrame({"x": [1, 2]})).mark_point().encode(x="x:Q").properties(width=123).to_dict()
    drawn = drawing.measure(spec)
    svg = vlc.vegalite_to_svg(spec, vl_version=drawing.vl_version(), allowed_base_urls=[])
    assert f'width="{drawn["width_px"]:g}"' in svg and drawn["font_sizes_px"] == sorted(drawn["font_sizes_px"])
    (stored,) = tmp_path.glob("*.json")  # one file per spec, nothing left half-written beside it
    monkeypatch.setattr(drawing, "_MEMO", {})
    monkeypatch.setattr(drawing, "_draw", lambda spec: pytest.fail("an unchanged spec is drawn again"))
    assert drawing.measure(spec) == drawn  # read back from the file, as another process would
    monkeypatch.setattr(drawing, "_renderer_digest", lambda: "another vl-convert or font")
    with pytest.raises(pytest.fail.Exception, match="drawn again"):
        drawing.measure(spec)  # a new renderer or font draws it anew
    stored.write_text('{"width_px": 12')  # cut short: drawn anew, not trusted
    monkeypatch.undo()
    monkeypatch.setattr(drawing, "CACHE_DIR", tmp_path)
    monkeypatch.setattr(drawing, "_MEMO", {})
    assert drawing.measure(spec) == drawn and json.loads(stored.read_text()) == drawn


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
    spec = fig.spec()
    assert _texts(spec["title"]) == _one_line(fig.title)
    assert spec["description"] == fig.alt
    (plot,) = spec["vconcat"]
    assert _texts(plot["title"]) == _one_line(fig.source) and plot["title"]["orient"] == "bottom"
    svg = vlc.vegalite_to_svg(spec, allowed_base_urls=[])
    assert "Source: synthetic test data" in svg and "Made-up prices" in svg


def test_finish_wraps_long_titles_within_the_chart_width():
    fig = sample_figure.make(title="A finding " * 20, source="Source: " + "a long list of sources, " * 12)
    spec = fig.spec()
    assert len(spec["title"]["text"]) > 1 and _texts(spec["title"]) == _one_line(fig.title)
    limit = charts.CHART_WIDTH_PX / (0.55 * charts.TITLE_FONT_SIZE)
    assert all(len(line) <= limit for line in spec["title"]["text"])


def test_finish_rejects_a_title_set_by_the_builder():
    fig = sample_figure.make(chart=lambda df: sample_figure.layered_chart(df).properties(title="Axis soup"))
    with pytest.raises(ValueError, match="sets a title"):
        fig.spec()


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


def _embedded_spec(html: str) -> dict:
    """The spec object a chart's HTML passes to its loader."""
    start = html.index("})(") + 3
    spec, _ = json.JSONDecoder().raw_decode(html[start:])
    return spec


def test_chart_html_carries_a_narrow_layout_without_a_second_copy_of_the_data(sample):
    spec = sample.spec()
    html = figures.chart_html(sample.id, spec)
    page = _embedded_spec(html)
    narrow = page["usermeta"]["narrow"]
    assert "datasets" not in narrow and page["datasets"] == spec["datasets"]  # the narrow spec names the same data
    assert narrow == {k: v for k, v in sample.spec(layout="narrow").items() if k != "datasets"}
    assert 0 < page["usermeta"]["narrowBelow"] <= drawing.width_px(spec)
    assert "inferenceEraEmbed(vegaEmbed, outputDiv, spec, embedOpt)" in html and "<style>" not in html
    assert html.count("data-") >= 1 and html.count('"datasets"') == 1
    unregistered = figures.chart_html("fig-test-unregistered", spec)
    assert "usermeta" not in _embedded_spec(unregistered)  # nothing to choose from: the page draws `spec`


def test_narrow_spec_of_the_sample_keeps_data_and_text():
    desktop, narrow = (sample_figure.make().spec(layout=layout) for layout in ("desktop", "narrow"))
    assert narrow["datasets"] == desktop["datasets"]
    assert narrow["description"] == desktop["description"]
    assert _texts(narrow["title"]) == _texts(desktop["title"])
    assert drawing.width_px(narrow) <= charts.NARROW_WIDTH_PX


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


@functools.cache
def _spec(fig_id: str, layout: str = "desktop") -> dict:
    """A registered figure's spec, validated against the Vega-Lite schema as it is built, once per test run (the
    tests below only read it)."""
    return figures.get(fig_id).spec(layout=layout, validate=True)


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
    spec, _ = _spec(fig_id), _spec(fig_id, "narrow")  # both validated against the Vega-Lite schema
    assert _texts(spec["title"]) == _one_line(fig.title) and spec["description"] == fig.alt
    page = ROOT / fig.page
    assert page.with_suffix(".ipynb").exists() or page.with_suffix(".md").exists(), f"{fig.page} has no source"
    assert fig.page in (ROOT / "_toc.yml").read_text()


# The report's figures drawn by this package's chapter modules (the claims and spend modules have owners of
# their own; the browser test in test_phone_charts.py measures every chart of every page).
THEMED = [fig_id for fig_id in REGISTERED if fig_id.split("-")[1] in ("deals", "shift", "costs")]
COLOUR_WORDS = re.compile(r"\b(red|orange|blue|green|purple|pink|yellow|vermillion)\b", re.IGNORECASE)


def _walk(node, found: list, key: str | None = None) -> list:
    if isinstance(node, dict):
        for k, v in node.items():
            if k != "datasets":
                _walk(v, found, k)
        if key == "tooltip" or node.get("__tooltip__"):
            found.append(node)
    elif isinstance(node, list):
        for item in node:
            if key == "tooltip" and isinstance(item, dict):
                found.append(item)
            else:
                _walk(item, found, key)
    return found


# Labels cut short ("…") are found where they are drawn for readers: test_phone_charts.py checks every chart
# of every page in Chromium, at phone and at desktop width.
@pytest.mark.parametrize("fig_id", REGISTERED)
@pytest.mark.parametrize("layout", ["desktop", "narrow"])
def test_registered_figure_fits_its_layout(fig_id, layout):
    drawn = drawing.measure(_spec(fig_id, layout))
    limit = charts.DESKTOP_MAX_WIDTH_PX if layout == "desktop" else charts.NARROW_WIDTH_PX
    assert drawn["width_px"] <= limit, f"{fig_id} ({layout}) is {drawn['width_px']:.0f} px wide, more than {limit} px"
    if layout == "narrow":
        smallest = drawn["font_sizes_px"][0]
        assert smallest >= charts.MIN_FONT_SIZE, f"{fig_id}: narrow text of {smallest} px"


@pytest.mark.parametrize("fig_id", THEMED)
def test_registered_figure_tooltips_have_titles_and_formats(fig_id):
    spec = _spec(fig_id)
    tips = [t for t in _walk(spec, []) if "field" in t]
    assert tips, f"{fig_id} has no tooltip"
    for tip in tips:
        assert tip.get("title"), f"{fig_id}: tooltip field {tip['field']!r} has no title"
        if tip.get("type") in ("quantitative", "temporal"):
            assert tip.get("format"), f"{fig_id}: tooltip {tip['title']!r} has no format"


@pytest.mark.parametrize("fig_id", THEMED)
def test_registered_figure_text_names_no_colour(fig_id):
    fig = figures.get(fig_id)
    for name in ("title", "caption", "alt"):
        found = COLOUR_WORDS.findall(getattr(fig, name))
        assert not found, f"{fig_id}: the {name} names colours {found}; name the mark or the legend instead"


@pytest.mark.parametrize("fig_id", THEMED)
def test_registered_figure_keeps_the_article_colour_for_the_article(fig_id):
    """Vermillion (or orange) only where the data or the mark is the article's."""
    spec = json.dumps(_spec(fig_id)).upper()
    for colour in charts.RESERVED:
        if colour.upper() in spec:
            assert colour == charts.ARTICLE and "ARTICLE" in spec, f"{fig_id} uses {colour} for something else"


def _grade_encodings(node, found: list) -> list:
    if isinstance(node, dict):
        if node.get("field") == "grade" and "legend" in node:
            found.append(node)
        for k, v in node.items():
            if k != "datasets":
                _grade_encodings(v, found)
    elif isinstance(node, list):
        for item in node:
            _grade_encodings(item, found)
    return found


def test_grade_legends_say_what_each_grade_means():
    graded = 0
    for fig_id in THEMED:
        for enc in _grade_encodings(_spec(fig_id), []):
            graded += 1
            assert enc["legend"] and "A primary" in enc["legend"]["labelExpr"], fig_id
            assert "C unconfirmed" in enc["legend"]["labelExpr"], fig_id
            assert enc["scale"]["range"] == charts.GRADE_SHAPES, f"{fig_id}: grades must be shapes, not shades"
    assert graded >= 3  # compute share, token growth, flagship vs fixed


def test_tokens_figure_compares_output_prices_the_prose_quotes():
    """fig-deals-tokens plots the output list prices chapter 1 quotes (analysis.deals.output_price_numbers)."""
    from analysis import deals as dl
    from analysis.data import load
    from analysis.figs import deals as fd

    quoted = dl.output_price_numbers(load("price_history"), {"usd_per_mtok_20_median": 1, "usd_per_mtok_200_median": 1})
    plotted = fd.tokens_data().set_index("label")["median"]
    for key, model in (("gpt5", "GPT-5"), ("gpt5_mini", "GPT-5 mini"), ("gpt5_nano", "GPT-5 nano")):
        assert plotted[f"{model} output list price"] == quoted[f"output_price_{key}_usd_per_mtok"]
    title = figures.get("fig-deals-tokens").title
    assert f"output list price is ${quoted['output_price_gpt5_usd_per_mtok']:g}" in title
