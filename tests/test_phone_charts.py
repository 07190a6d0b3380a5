"""Charts a reader can read on a phone: every chart of every page, measured in headless Chromium.

At a 390 x 844 phone viewport (device emulation: mobile, 3x pixels, the page's meta viewport honoured), for every
chart container (`vega-fig-*`) of every page:
- the smallest text, in CSS px as the reader sees it, is at least 9 px: each SVG text's computed font size times
  the ratio of the SVG's rendered width to its intrinsic width (CSS shrinks a chart wider than its column);
- the chart's right edge (its SVG and its embed container with the actions menu) is inside the viewport;
- no text is cut short by a label limit ("…"), and no two texts overlap (their boxes, by more than a pixel and
  a quarter of a line);
- the chart drew its narrow layout (`data-layout="narrow"` on the container, set by `analysis.figures.chart_html`).
At 1400 x 900 (a desktop) the same rules hold and every chart keeps its desktop layout.

How: Chromium is driven over the DevTools protocol on a pipe (`--remote-debugging-pipe`: no port, no websocket
library), with `Emulation.setDeviceMetricsOverride` (a window cannot be narrower than 500 px in headless mode).
The site is served from 127.0.0.1 and every other host is unresolvable, as in test_site. `make book` first.
"""

from __future__ import annotations

import fcntl
import functools
import http.server
import json
import os
import queue
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from test_site import CHART_CONTAINER, CHROMIUM_FLAGS, SITE, QuietHandler, _chromium, _pages

MIN_FONT_PX = 9.0
PHONE = {"width": 390, "height": 844, "deviceScaleFactor": 3, "mobile": True}
DESKTOP = {"width": 1400, "height": 900, "deviceScaleFactor": 1, "mobile": False}
CHART_TIMEOUT_S = 30

# Resolves, once every chart container holds its SVG (or after CHART_TIMEOUT_S), to the page's measurements.
MEASURE_JS = """
new Promise(function (resolve) {
  var start = Date.now();
  function measure() {
    var vw = document.documentElement.clientWidth, out = {viewport: vw, charts: []};
    document.querySelectorAll('div[id^="vega-fig-"]').forEach(function (box) {
      var svg = box.querySelector("svg.marks"), rec = {id: box.id, drawn: !!svg, layout: box.dataset.layout || null};
      rec.error = box.querySelector(".error") || /Error/.test(box.textContent) ? box.textContent.slice(0, 200) : null;
      if (svg) {
        var rect = svg.getBoundingClientRect(), intrinsic = svg.width.baseVal.value;
        var ratio = intrinsic ? rect.width / intrinsic : 0, smallest = null, text = "";
        svg.querySelectorAll("text").forEach(function (t) {
          var style = getComputedStyle(t);
          if (!t.textContent.trim() || style.opacity === "0" || style.display === "none") return;
          var px = parseFloat(style.fontSize) * ratio;
          if (smallest === null || px < smallest) { smallest = px; text = t.textContent.slice(0, 60); }
        });
        // Text cut short by a label limit, and pairs of drawn texts that overlap (by more than a pixel each way).
        var boxes = [];
        rec.cut = [];
        svg.querySelectorAll("text").forEach(function (t) {
          var style = getComputedStyle(t), content = t.textContent.trim();
          if (!content || style.opacity === "0" || style.display === "none") return;
          if (content.slice(-1) === "\u2026") rec.cut.push(content);
          var q = t.getBoundingClientRect();
          if (q.width > 0 && q.height > 0) boxes.push([q.left, q.top, q.right, q.bottom, content.slice(0, 40)]);
        });
        rec.overlaps = [];
        for (var i = 0; i < boxes.length; i++) {
          for (var j = i + 1; j < boxes.length; j++) {
            var a = boxes[i], b = boxes[j];
            var dx = Math.min(a[2], b[2]) - Math.max(a[0], b[0]), dy = Math.min(a[3], b[3]) - Math.max(a[1], b[1]);
            if (dx > 1 && dy > 1 + 0.25 * Math.min(a[3] - a[1], b[3] - b[1])) rec.overlaps.push([a[4], b[4]]);
          }
        }
        rec.intrinsic_width = intrinsic;
        rec.ratio = ratio;
        rec.min_font_px = smallest;
        rec.min_font_text = text;
        rec.right = Math.max(rect.right, box.getBoundingClientRect().right);
      }
      out.charts.push(rec);
    });
    resolve(JSON.stringify(out));
  }
  function wait() {
    var boxes = document.querySelectorAll('div[id^="vega-fig-"]');
    var done = Array.prototype.every.call(boxes, function (b) { return b.querySelector("svg.marks"); });
    if (done || Date.now() - start > TIMEOUT_MS) { setTimeout(measure, 300); } else { setTimeout(wait, 100); }
  }
  // Scroll past every chart, as a reader would, so each one draws now rather than when the page has settled.
  function visit(i) {
    var boxes = document.querySelectorAll('div[id^="vega-fig-"]');
    if (i < boxes.length) { boxes[i].scrollIntoView({block: "center"}); setTimeout(function () { visit(i + 1); }, 50); }
    else { window.scrollTo(0, 0); wait(); }
  }
  visit(0);
})
""".replace("TIMEOUT_MS", str(1000 * CHART_TIMEOUT_S))


class DevTools:
    """A minimal DevTools-protocol client over Chromium's pipe (fd 3: commands in, fd 4: replies out)."""

    def __init__(self, executable: str, profile: Path) -> None:
        to_chrome_r, to_chrome_w = os.pipe()
        from_chrome_r, from_chrome_w = os.pipe()

        def child_fds() -> None:  # runs in the child before exec: its fds 3 and 4 become the pipe ends
            high = [fcntl.fcntl(fd, fcntl.F_DUPFD, 10) for fd in (to_chrome_r, from_chrome_w)]
            os.dup2(high[0], 3)
            os.dup2(high[1], 4)

        flags = [f for f in CHROMIUM_FLAGS if not f.startswith("--virtual-time-budget")]
        self.proc = subprocess.Popen(
            [executable, *flags, "--remote-debugging-pipe", f"--user-data-dir={profile}", "about:blank"],
            pass_fds=(3, 4, to_chrome_r, from_chrome_w),
            preexec_fn=child_fds,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(to_chrome_r)
        os.close(from_chrome_w)
        self._out = os.fdopen(to_chrome_w, "wb", buffering=0)
        self._in = os.fdopen(from_chrome_r, "rb", buffering=0)
        self._messages: queue.Queue[dict | None] = queue.Queue()
        self._next_id = 0
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        buffer = b""
        while chunk := self._in.read(1 << 16):
            buffer += chunk
            while b"\0" in buffer:
                message, buffer = buffer.split(b"\0", 1)
                self._messages.put(json.loads(message))
        self._messages.put(None)

    def wait_for(self, matches: Callable[[dict], bool], timeout: float) -> dict:
        deadline = time.monotonic() + timeout
        while True:
            message = self._messages.get(timeout=max(0.01, deadline - time.monotonic()))
            if message is None:
                raise RuntimeError("Chromium closed the DevTools pipe")
            if matches(message):
                if "error" in message:
                    raise RuntimeError(f"DevTools error: {message['error']}")
                return message

    def send(self, method: str, params: dict | None = None, session: str | None = None, timeout: float = 60) -> dict:
        self._next_id += 1
        call_id = self._next_id
        message = {"id": call_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        self._out.write(json.dumps(message).encode() + b"\0")
        return self.wait_for(lambda m: m.get("id") == call_id, timeout).get("result", {})

    def measure(self, url: str, device: dict) -> dict:
        """Open `url` in a new tab emulating `device`, wait for its charts, return the measurements."""
        target = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        try:
            self.send("Emulation.setDeviceMetricsOverride", device, session)
            self.send("Page.enable", session=session)
            self.send("Page.navigate", {"url": url}, session)
            self.wait_for(lambda m: m.get("method") == "Page.loadEventFired" and m.get("sessionId") == session, 60)
            params = {"expression": MEASURE_JS, "awaitPromise": True, "returnByValue": True}
            result = self.send("Runtime.evaluate", params, session, timeout=CHART_TIMEOUT_S + 30)
            return json.loads(result["result"]["value"])
        finally:
            self.send("Target.closeTarget", {"targetId": target})

    def close(self) -> None:
        try:
            self.send("Browser.close", timeout=10)
        except (RuntimeError, queue.Empty):
            self.proc.kill()
        self.proc.wait(timeout=30)


@pytest.fixture(scope="module")
def site() -> Path:
    if not (SITE / "index.html").is_file():
        pytest.fail(f"no built site at {SITE}: run `make book` (or set INFERENCE_ERA_HTML) before these tests")
    return SITE


@pytest.fixture(scope="module")
def server(site) -> Iterator[str]:
    handler = functools.partial(QuietHandler, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def chart_pages(site: Path) -> dict[str, list[str]]:
    """Pages (relative to the site root) with charts, and the chart container ids each holds."""
    pages = {}
    for page in _pages(site):
        ids = CHART_CONTAINER.findall(page.read_text(encoding="utf-8"))
        if ids:
            pages[page.relative_to(site).as_posix()] = ids
    return pages


def measure_site(site: Path, server: str, device: dict, profile: Path) -> dict[str, dict]:
    pages = chart_pages(site)
    assert pages, "no chapter page has a chart"
    browser = DevTools(_chromium(), profile)
    try:
        return {name: browser.measure(f"{server}/{name}", device) for name in pages}
    finally:
        browser.close()


def problems_of(results: dict[str, dict], expected: dict[str, list[str]], layout: str) -> list[str]:
    problems = []
    for name, res in results.items():
        viewport = res["viewport"]
        missing = sorted(set(expected[name]) - {c["id"] for c in res["charts"]})
        problems += [f"{name}: #{cid} is not on the page" for cid in missing]
        for c in res["charts"]:
            if c["error"]:
                problems.append(f"{name}: #{c['id']} shows an error: {c['error']!r}")
            if not c["drawn"]:
                problems.append(f"{name}: #{c['id']} drew no SVG")
                continue
            if c["min_font_px"] is None or c["min_font_px"] < MIN_FONT_PX:
                problems.append(
                    f"{name}: #{c['id']} smallest text {c['min_font_px'] or 0:.1f} px < {MIN_FONT_PX:g} px "
                    f"({c['min_font_text']!r}; drawn {c['intrinsic_width']:.0f} px wide, shown at {c['ratio']:.0%})"
                )
            if c["right"] > viewport + 0.5:
                problems.append(f"{name}: #{c['id']} right edge at {c['right']:.0f} px, viewport {viewport} px")
            if c["cut"]:
                problems.append(f"{name}: #{c['id']} cuts labels short: {c['cut']}")
            if c["overlaps"]:
                problems.append(f"{name}: #{c['id']} draws texts over each other: {c['overlaps']}")
            if c["layout"] != layout:
                problems.append(f"{name}: #{c['id']} drew layout {c['layout']!r}, expected {layout!r}")
    return problems


def summary(results: dict[str, dict]) -> str:
    """One line per page: number of charts, smallest text and rightmost edge (shown with -s and on failure)."""
    lines = []
    for name, res in results.items():
        drawn = [c for c in res["charts"] if c["drawn"] and c["min_font_px"] is not None]
        if not drawn:
            lines.append(f"{name}: no chart drew")
            continue
        small = min(drawn, key=lambda c: c["min_font_px"])
        lines.append(
            f"{name}: {len(drawn)} charts, smallest text {small['min_font_px']:.1f} px (#{small['id']}), "
            f"rightmost edge {max(c['right'] for c in drawn):.0f} px of {res['viewport']} px"
        )
    return "\n".join(lines)


@pytest.mark.browser
@pytest.mark.parametrize(("device", "layout"), [(PHONE, "narrow"), (DESKTOP, "desktop")], ids=["phone", "desktop"])
def test_charts_are_legible_and_fit_the_screen(site, server, tmp_path, device, layout):
    results = measure_site(site, server, device, tmp_path / "profile")
    print(f"\n{device['width']} px:\n{summary(results)}")
    problems = problems_of(results, chart_pages(site), layout)
    assert not problems, summary(results) + "\n" + "\n".join(problems)
