"""Per-page assets for the HTML site: each page loads only what it shows, and nothing blocks its first paint.

A Sphinx extension (registered in _config.yml, `sphinx: extra_extensions`). jupyter-book puts every script and
stylesheet on every page; on each page this extension, in `html-page-context`:

- loads the Vega stack only where there is a chart (`<div id="vega-fig-...">`), and then not as three blocking
  scripts but through `_static/vega-versions.js`, which fetches the vendored libraries when a chart first needs
  them (see that file);
- loads MathJax only where there is a formula (`class="math..."`), and then through `_static/math-on-demand.js`,
  which fetches it once the page is in and typesets the formulas as they come near the viewport;
- drops the thebe configuration and loader (thebe is off: no launch button asks for it, and its inline
  configuration, added twice by sphinx-thebe, declared `const THEBE_JS_URL` twice: a SyntaxError on every page);
- drops any inline script that appears twice;
- adds a meta description (the page's first paragraph of text) unless the page sets one.

The theme's Font Awesome kit (a 1.4 MB script that swaps every `<i class="fa-...">` for an SVG) is not loaded:
`build-finished` writes `_static/icons.css` with just the icons the pages use, as CSS masks drawn from the same
Font Awesome paths, so the icons look as before and need no script and no icon font.
"""

from __future__ import annotations

import html
import json
import os
import re
from pathlib import Path
from typing import Any

from docutils import nodes

# What a page shows (found in its body), and the scripts, stylesheets and inline scripts that only serve that.
FEATURES = {
    "charts": re.compile(r'<div id="(?:vega-fig|altair-viz)-[\w-]+"|\bvegaEmbed\('),
    "math": re.compile(r'class="[^"]*\b(?:math|mathjax_process|tex2jax_process)\b'),
    "code": re.compile(r'class="highlight'),  # copy buttons go on highlighted code
    "toggles": re.compile(r'class="[^"]*\b(?:toggle|dropdown)\b'),  # sphinx-togglebutton's selector
    "design": re.compile(r'class="[^"]*\bsd-'),  # sphinx-design components
    "citations": re.compile(r'class="cite-accessed"'),  # "Cite this" blocks whose access date cite.js fills in
}
FEATURE_ASSETS = {
    "charts": ("vega-versions.js",),
    "math": ("math-on-demand.js",),
    "code": ("clipboard.min.js", "copybutton.js", "copybutton.css"),
    "toggles": ("togglebutton.js", "togglebutton.css"),
    "design": ("design-tabs.js", "sphinx-design.min.css"),
    "citations": ("cite.js",),
}
FEATURE_INLINE = {
    "math": ("window.MathJax",),
    "toggles": ("let toggleHint", "let toggleOpenOnPrint", "var togglebutton"),
}
VEGA_LIBRARIES = ("vendor/vega.min.js", "vendor/vega-lite.min.js", "vendor/vega-embed.min.js")
VEGA_LOADER = "vega-versions.js"
MATH_LOADER = "math-on-demand.js"
# Scripts that stay blocking: inline scripts use DOCUMENTATION_OPTIONS at once, and the charts' inline loaders call
# vegaEmbed as the page is parsed. Every other script is deferred (run in order, after parsing, before
# DOMContentLoaded, where Sphinx's and the theme's scripts start their work anyway).
BLOCKING = ("documentation_options.js", VEGA_LOADER)
# The theme's template writes Sphinx's search scripts (and the 50 kB index) into every <head>, for its
# search-as-you-type; with that off (search_as_you_type false) only the search page uses them.
SEARCH_SCRIPTS = re.compile(r'\s*<script src="[^"]*(?:searchtools|language_data|searchindex)\.js"></script>')
SEARCH_AS_YOU_TYPE_OFF = "DOCUMENTATION_OPTIONS.search_as_you_type = false;"
THEBE = ("sphinx-thebe.js", "sphinx-thebe.css")
THEBE_CONFIG_IN_BODY = re.compile(r'\s*<script type="text/x-thebe-config">.*?</script>', re.DOTALL)
FONTAWESOME_SCRIPT = re.compile(
    r"\s*(?:<!-- So that users can add custom icons -->\s*)?"
    r'<script defer src="[^"]*_static/scripts/fontawesome\.js[^"]*"></script>'
)
DESCRIPTION_CHARS = 160
GENERATED_TITLES = {"search": "Search", "genindex": "Index"}
CITATION = re.compile(r"\s*\[[^\[\]]*\b(?:1[89]|20)\d\d[a-z]?\]")  # "[Tiger Brokers news, 2026]"
ICONS_CSS = "icons.css"


def _name(asset: Any) -> str:
    """The asset's path under _static (Sphinx stores `_static/<path>`), or "" for an inline script."""
    return str(getattr(asset, "filename", asset) or "").removeprefix("_static/")


def _body(asset: Any) -> str:
    return (getattr(asset, "attributes", None) or {}).get("body", "")


def page_features(body: str) -> set[str]:
    return {feature for feature, pattern in FEATURES.items() if pattern.search(body)}


def _unneeded(name: str, body: str, features: set[str]) -> bool:
    """An asset (or inline script) that serves only a feature the page does not have, or thebe (off)."""
    if name.endswith(THEBE) or "THEBE_JS_URL" in body:
        return True
    for feature in FEATURE_ASSETS.keys() - features:
        if name in FEATURE_ASSETS[feature] or (body and body.startswith(FEATURE_INLINE.get(feature, ()))):
            return True
    return False


def page_scripts(scripts: list, features: set[str], *, mathjax_path: str = "", mathjax_url: str = "") -> list:
    """The page's `script_files` with only what its `features` need, deferred where they can be, each once.

    The Vega libraries are never a <script>: vega-versions.js fetches them when a chart needs them. Neither is
    MathJax: on a page with a formula, math-on-demand.js (deferred) fetches it from `mathjax_url`.
    """
    kept, seen = [], set()
    for js in scripts:
        name, body = _name(js), _body(js)
        if _unneeded(name, body, features) or name in VEGA_LIBRARIES or (mathjax_path and name == mathjax_path):
            continue
        attributes = dict(getattr(js, "attributes", {}) or {})
        if name == MATH_LOADER:
            attributes["data-mathjax"] = mathjax_url
        if name and name not in BLOCKING and not {"async", "defer"} & set(attributes):
            attributes["defer"] = "defer"
        if attributes != (getattr(js, "attributes", {}) or {}):
            js = type(js)(js.filename, priority=js.priority, **attributes)
        key = (name, json.dumps(attributes, sort_keys=True))
        if key not in seen:
            seen.add(key)
            kept.append(js)
    return kept


def page_stylesheets(stylesheets: list, features: set[str]) -> list:
    return [css for css in stylesheets if not _unneeded(_name(css), "", features)]


def description(doctree: nodes.document | None, title: str, project: str) -> str:
    """The first paragraph of running text (not a caption, table, note or citation), at most 160 characters."""
    skip = (nodes.caption, nodes.legend, nodes.table, nodes.admonition, nodes.footnote, nodes.citation, nodes.sidebar)
    texts = []
    for para in doctree.findall(nodes.paragraph) if doctree is not None else []:
        if any(isinstance(parent, skip) for parent in _ancestors(para)):
            continue
        text = CITATION.sub("", " ".join(para.astext().split()))
        if text:
            texts.append(text)
    text = next((t for t in texts if len(t) >= 40), texts[0] if texts else "")
    if not text:  # a generated page (search, index) or one without text
        plain = re.sub(r"<[^>]+>", "", html.unescape(title or "")).strip()
        text = f"{plain} of {project}, a reproducible research report." if plain else f"{project}."
    if len(text) > DESCRIPTION_CHARS:
        text = text[: DESCRIPTION_CHARS - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"
    return text


def _ancestors(node: nodes.Node):
    while node.parent is not None:
        node = node.parent
        yield node


def on_page_context(app, pagename: str, templatename: str, context: dict, doctree) -> None:
    body = context.get("body", "") or ""
    features = page_features(body)
    if "script_files" in context:
        mathjax_path = app.config.mathjax_path if "mathjax_path" in app.config else ""
        url = context["pathto"](f"_static/{mathjax_path}", 1) if mathjax_path and "pathto" in context else ""
        context["script_files"] = page_scripts(
            context["script_files"], features, mathjax_path=mathjax_path, mathjax_url=url
        )
    if "css_files" in context:
        context["css_files"] = page_stylesheets(context["css_files"], features)
    if body:
        # docutils marks each reference as role="doc-biblioentry" (deprecated in ARIA 1.3) inside role="list",
        # which then has no listitem child: both fail accessibility checks. A list item is what it is.
        context["body"] = THEBE_CONFIG_IN_BODY.sub("", body).replace('role="doc-biblioentry"', 'role="listitem"')
    metatags = context.get("metatags", "") or ""
    if 'name="description"' not in metatags:
        title = context.get("title") or GENERATED_TITLES.get(pagename, "")
        text = description(doctree, title, app.config.html_title or app.config.project)
        context["metatags"] = metatags + f'\n<meta name="description" content="{html.escape(text, quote=True)}" />'


def rendered_page(page: str, pagename: str = "") -> str:
    """The rendered page without the theme's Font Awesome script (icons.css draws the icons). The search scripts
    the template writes are deferred like the scripts they need (doctools.js); with search-as-you-type off, only
    the search page keeps them."""
    page = FONTAWESOME_SCRIPT.sub("", page)
    if pagename != "search" and SEARCH_AS_YOU_TYPE_OFF in page:
        return SEARCH_SCRIPTS.sub("", page)
    return SEARCH_SCRIPTS.sub(lambda m: m.group(0).replace("<script src=", "<script defer src="), page)


# ---- one stylesheet instead of nine -----------------------------------------------------------------------

STYLESHEET_LINK = re.compile(r'[ \t]*<link (?=[^>]*\brel="stylesheet")[^>]*>\n?')
HREF = re.compile(r'\bhref="([^"]+)"')
CSS_URL = re.compile(r"url\(\s*(['\"]?)([^'\")]+)\1\s*\)")
CSS_IMPORT = re.compile(r'@import\s+(?:url\()?\s*[\'"]([^\'"]+)[\'"]\s*\)?\s*;')
CSS_CHARSET = re.compile(r'@charset\s+"[^"]*";\s*')
SOURCE_MAP = re.compile(r"/\*# sourceMappingURL=[^*]*\*/")
UNBUNDLED = (ICONS_CSS,)  # written after the pages (build-finished), so not yet there to be bundled


def css_for_bundle(path: Path, static: Path) -> str:
    """The stylesheet at `path` as it reads from _static/: @imports inlined, relative url()s re-based."""
    text = SOURCE_MAP.sub("", CSS_CHARSET.sub("", path.read_text(encoding="utf-8")))

    def rebase(m: re.Match) -> str:
        url = m.group(2).strip()
        if url.startswith(("data:", "#", "/")) or "://" in url:
            return m.group(0)
        target = (path.parent / url.split("?")[0].split("#")[0]).resolve()
        return f'url("{Path(os.path.relpath(target, static)).as_posix()}")'

    text = CSS_URL.sub(rebase, text)  # before inlining: an imported file's url()s are re-based from its own place
    text = CSS_IMPORT.sub(lambda m: css_for_bundle((path.parent / m.group(1)).resolve(), static), text)
    return f"/* {path.relative_to(static.parent).as_posix()} */\n" + text.strip() + "\n"


def bundle_text(files: list[Path], static: Path) -> str:
    return '@charset "UTF-8";\n' + "".join(css_for_bundle(f, static) for f in files)


def bundle_stylesheets(page: str, page_dir: Path, outdir: Path, written: dict) -> str:
    """`page` with its <head> stylesheets (but icons.css) as one file, _static/styles-<digest>.css.

    Nine render-blocking requests, one of them behind an @import, become one; the cascade is the same (the files
    in their order). A stylesheet from another host, with a media query or missing leaves the page as it is.
    """
    head_end = page.find("</head>")
    links = [m for m in STYLESHEET_LINK.finditer(page, 0, head_end) if not any(u in m.group(0) for u in UNBUNDLED)]
    static = (outdir / "_static").resolve()
    files = []
    for link in links:
        href = HREF.search(link.group(0))
        if href is None or "media=" in link.group(0) or "://" in href.group(1) or href.group(1).startswith("//"):
            return page
        path = (page_dir / href.group(1).split("?")[0]).resolve()
        if not path.is_file() or static not in path.parents:
            return page
        files.append(path)
    if len(files) < 2:
        return page
    key = tuple(files)
    if key not in written:
        import hashlib

        text = bundle_text(files, static)
        name = f"styles-{hashlib.sha256(text.encode()).hexdigest()[:12]}.css"
        (static / name).write_text(text, encoding="utf-8")
        written[key] = name
    href = Path(os.path.relpath(static / written[key], page_dir)).as_posix()
    first, out, last = links[0], [], 0
    for link in links:
        out.append(page[last : link.start()])
        if link is first:
            out.append(f'    <link rel="stylesheet" type="text/css" href="{href}" />\n')
        last = link.end()
    return "".join(out) + page[last:]


def on_builder_inited(app) -> None:
    if app.builder.format != "html" or not hasattr(app.builder, "templates"):
        return
    templates = app.builder.templates
    render = templates.render
    outdir = Path(app.outdir)
    written: dict = {}  # files -> bundle name, for this build's pages (rewritten at build-finished)
    app.builder.report_css_bundles = written

    def render_page(template: str, context: dict) -> str:
        pagename = context.get("pagename", "")
        page = rendered_page(render(template, context), pagename)
        return bundle_stylesheets(page, (outdir / pagename).parent, outdir, written)

    templates.render = render_page


# ---- icons ----------------------------------------------------------------------------------------------

STYLES = {"fas": "solid", "fa-solid": "solid", "far": "regular", "fa-regular": "regular"}
STYLES |= {"fab": "brands", "fa-brands": "brands"}
PACK_MARK = re.compile(r'd\("(fas|far|fab)",\s*\w+\)')
ICON = re.compile(r'(?:"([a-z0-9-]+)"|([a-z][a-z0-9]*)):\[(\d+),(\d+),\[[^\]]*\],"[0-9a-f]*","([^"]+)"\]')
CLASS_ATTR = re.compile(r'class="([^"]*\bfa-[^"]*)"')
JS_CLASSES = re.compile(r'classList="([^"]*\bfa-[^"]*)"')


def fontawesome_icons(kit: str) -> dict[str, dict[str, tuple[int, int, str]]]:
    """{style: {icon: (width, height, path)}} from the theme's Font Awesome kit (solid, regular, brands)."""
    packs: dict[str, dict[str, tuple[int, int, str]]] = {}
    start = 0
    for mark in PACK_MARK.finditer(kit):
        style = STYLES[mark.group(1)]
        if style not in packs:
            chunk = kit[start : mark.start()]
            packs[style] = {(m[1] or m[2]): (int(m[3]), int(m[4]), m[5]) for m in ICON.finditer(chunk)}
        start = mark.end()
    return packs


def used_icons(texts: list[str]) -> set[tuple[str, str]]:
    """(style, icon) pairs named in class attributes (HTML) or classList assignments (the theme's scripts)."""
    used = set()
    for text in texts:
        for match in [*CLASS_ATTR.finditer(text), *JS_CLASSES.finditer(text)]:
            classes = match.group(1).split()
            style = next((STYLES[c] for c in classes if c in STYLES), "solid")
            used |= {(style, c[3:]) for c in classes if c.startswith("fa-") and c not in STYLES}
    return used


ICONS_HEAD = """/* Generated by analysis/sphinx_assets.py at build time: the Font Awesome icons the pages use, drawn
   as CSS masks instead of by the theme's 1.4 MB Font Awesome script.
   Icons: Font Awesome Free 6 by Fonticons, Inc., CC BY 4.0 (https://fontawesome.com/license/free). */
"""
ICON_BASE = """ {
  content: "";
  display: inline-block;
  height: 1em;
  vertical-align: -0.125em;
  background-color: currentColor;
  -webkit-mask: var(--fa-icon) center / contain no-repeat;
  mask: var(--fa-icon) center / contain no-repeat;
}
"""
STYLE_CLASSES = {"solid": (".fa-solid", ".fas"), "regular": (".fa-regular", ".far"), "brands": (".fa-brands", ".fab")}


# Icons the theme's stylesheet puts before links with the Font Awesome font (a.github: a link to GitHub).
LINK_ICONS = {"a.github::before": ("brands", "github"), "a.gitlab::before": ("brands", "gitlab")}


def _mask(width: int, height: int, path: str) -> str:
    svg = f"<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 {width} {height}'><path d='{path}'/></svg>"
    data = svg.replace("%", "%25").replace("#", "%23").replace("<", "%3C").replace(">", "%3E")
    return f'  width: {width / height:.4g}em;\n  --fa-icon: url("data:image/svg+xml,{data}");\n'


def icons_css(packs: dict, used: set[tuple[str, str]]) -> str:
    """CSS that draws each used icon as a mask in the text colour, sized like the Font Awesome font."""
    rules, every, elements = [], [], []
    for style, icon in sorted(used):
        found = packs.get(style, {}).get(icon)
        if found is None:
            continue  # a modifier (fa-lg, fa-fw) or an icon the kit does not have
        names = ", ".join(f"{cls}.fa-{icon}::before" for cls in STYLE_CLASSES[style])
        every.append(names)
        elements.append(", ".join(f"{cls}.fa-{icon}" for cls in STYLE_CLASSES[style]))
        rules.append(f"{names} {{\n{_mask(*found)}}}\n")
    for selector, (style, icon) in LINK_ICONS.items():
        if icon in packs.get(style, {}):
            every.append(selector)
            rules.append(f"{selector} {{\n  font: inherit;\n{_mask(*packs[style][icon])}}}\n")
    if not every:
        return ICONS_HEAD
    # The icon elements keep the text's font: with the theme's Font Awesome font they would still fetch it (270 kB).
    fonts = ",\n".join(elements) + " {\n  font-family: inherit;\n}\n" if elements else ""
    return ICONS_HEAD + fonts + ",\n".join(every) + ICON_BASE + "".join(rules)


def theme_kit() -> Path:
    import pydata_sphinx_theme

    return Path(pydata_sphinx_theme.__file__).parent.joinpath("theme/pydata_sphinx_theme/static/scripts/fontawesome.js")


BUNDLE_NAME = re.compile(r"styles-[0-9a-f]{12}\.css")


def on_build_finished(app, exception) -> None:
    """Write icons.css from the icons the pages use; remove the stylesheet bundles no page links any more."""
    if exception is not None or app.builder.format != "html":
        return
    out = Path(app.outdir)
    static = out / "_static"
    texts = [p.read_text(encoding="utf-8") for p in out.rglob("*.html") if "_static" not in p.relative_to(out).parts]
    linked = {name for text in texts for name in BUNDLE_NAME.findall(text)}
    texts += [p.read_text(encoding="utf-8", errors="replace") for p in static.glob("scripts/*theme*.js")]
    packs = fontawesome_icons(theme_kit().read_text(encoding="utf-8"))
    static.mkdir(exist_ok=True)
    (static / ICONS_CSS).write_text(icons_css(packs, used_icons(texts)), encoding="utf-8")
    # The theme rewrites pygments.css at build-finished (after the pages): bundle the files as they end up. A
    # bundle keeps its name, which the files' contents when the pages were written decided.
    for files, name in getattr(app.builder, "report_css_bundles", {}).items():
        if all(f.is_file() for f in files):
            (static / name).write_text(bundle_text(list(files), static.resolve()), encoding="utf-8")
    for stale in static.glob("styles-*.css"):
        if BUNDLE_NAME.fullmatch(stale.name) and stale.name not in linked:
            stale.unlink()


# ---- a change to a script or stylesheet rewrites the pages ------------------------------------------------


def static_digest(confdir: Path) -> str:
    """SHA-256 over the scripts and stylesheets under _static (what every page links, with a ?v= checksum)."""
    import hashlib

    digest = hashlib.sha256()
    static = Path(confdir) / "_static"
    for path in sorted(p for p in static.rglob("*") if p.suffix in (".js", ".mjs", ".css") and p.is_file()):
        digest.update(path.relative_to(static).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def on_env_get_outdated(app, env, added, changed, removed) -> list[str]:
    """Every page, when a script or stylesheet changed: else Sphinx, with no page out of date, would neither
    rewrite the pages (whose ?v= checksums name the old file) nor copy the new file into the site."""
    digest = static_digest(app.confdir)
    if getattr(env, "report_static_digest", None) == digest:
        return []
    env.report_static_digest = digest
    return sorted(env.found_docs)


def setup(app) -> dict:
    app.add_css_file(ICONS_CSS)
    app.connect("env-get-outdated", on_env_get_outdated)
    app.connect("builder-inited", on_builder_inited)
    app.connect("html-page-context", on_page_context, priority=900)  # after the theme and sphinx.ext.mathjax
    app.connect("build-finished", on_build_finished, priority=900)  # after the theme's own (pygments.css)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
