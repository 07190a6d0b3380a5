// Charts without a blocking script and without another host. analysis/sphinx_assets.py puts this file (and no
// other Vega file) in the <head> of pages that have a chart, and only there.
//
// 1. Altair's chart loader checks VEGA_DEBUG["<lib>_version"] against the versions its output asks for
//    (altair.vegalite.v6: VEGA_VERSION, VEGALITE_VERSION, VEGAEMBED_VERSION) and fetches a library from the CDN
//    only when they differ. Recording them here keeps every page offline. tests/test_figures.py checks the values.
// 2. The loader then calls the global vegaEmbed(el, spec, options). Until the vendored libraries (vendor/, see
//    vendor/VERSIONS.txt) are on the page, vegaEmbed is the small stand-in below: it returns a promise, fetches
//    vega, vega-lite and vega-embed (once, in parallel, run in order), loads the chart's font, then draws the
//    chart with the real vegaEmbed, which the last library installs in its place. Charts are watched from the
//    load event on: one is drawn when it comes within a screen of the viewport, and any not drawn yet once the
//    page has loaded and settled (SETTLE_MS) is drawn then, one per idle moment. So the first paint never waits
//    for the 0.8 MB of chart libraries, loading the page draws no chart the reader cannot see yet, and a reader
//    who scrolls finds the charts drawn.
var VEGA_DEBUG = (typeof VEGA_DEBUG == "undefined") ? {} : VEGA_DEBUG;
VEGA_DEBUG["vega_version"] = "6";
VEGA_DEBUG["vegalite_version"] = "6.4.1";
VEGA_DEBUG["vegaembed_version"] = "7";

(function () {
  "use strict";
  if (typeof window.vegaEmbed === "function") return; // the libraries are on the page already
  var script = document.currentScript;
  var base = new URL("vendor/", script ? script.src : document.baseURI + "_static/").href;
  var libraries = ["vega.min.js", "vega-lite.min.js", "vega-embed.min.js"];
  var loading = null;
  var waiting = [];
  var loaded = document.readyState === "complete";
  var SETTLE_MS = 5000; // after the load event, before drawing the charts nobody has scrolled to yet
  var IDLE_MS = 200;

  function loadLibraries() {
    if (loading) return loading;
    loading = Promise.all(libraries.map(function (file) {
      return new Promise(function (resolve, reject) {
        var s = document.createElement("script");
        s.src = base + file;
        s.async = false; // fetched in parallel, run in this order
        s.onload = resolve;
        s.onerror = function () { reject(new Error("could not load " + s.src)); };
        document.head.appendChild(s);
      });
    })).then(function () {
      if (window.vegaEmbed === standIn) throw new Error("vega-embed did not install vegaEmbed");
    });
    return loading;
  }

  // The chart's font (config.font, first family), regular and bold, before Vega measures any text in it: fetched
  // when a chart draws, not while the page loads.
  function fontsOf(spec) {
    var family = String((spec && spec.config && spec.config.font) || "").split(",")[0].trim().replace(/["']/g, "");
    if (!family || !document.fonts || !document.fonts.load) return Promise.resolve();
    var faces = ['11px "' + family + '"', 'bold 11px "' + family + '"'];
    return Promise.all(faces.map(function (face) { return document.fonts.load(face); })).catch(function () {});
  }

  function draw(job) {
    if (!job.started) {
      job.started = true;
      if (observer) observer.unobserve(job.el);
      job.done = loadLibraries()
        .then(function () { return fontsOf(job.spec); })
        .then(function () { return new Promise(function (resolve) { idle(resolve); }); }) // a task of its own
        .then(function () { return window.vegaEmbed(job.el, job.spec, job.options); })
        .then(job.resolve, job.reject);
    }
    return job.done;
  }

  var observer = ("IntersectionObserver" in window) ? new IntersectionObserver(function (entries) {
    entries.forEach(function (entry) {
      if (!entry.isIntersecting) return;
      waiting.filter(function (j) { return j.el === entry.target; }).forEach(draw);
    });
  }, { rootMargin: "100% 0px" }) : null;

  // An idle moment, or at most IDLE_MS later (a browser that never idles, as under headless virtual time).
  function idle(fn) {
    return window.requestIdleCallback ? requestIdleCallback(fn, { timeout: IDLE_MS }) : setTimeout(fn, 50);
  }

  function drawRest() { // one chart at a time, each in its own idle moment
    var next = waiting.filter(function (j) { return !j.started; })[0];
    if (next) draw(next).then(function () { idle(drawRest); });
  }

  function watch(job) {
    if (observer) observer.observe(job.el);
    else idle(function () { draw(job); });
  }

  function standIn(el, spec, options) {
    return new Promise(function (resolve, reject) {
      var job = { el: el, spec: spec, options: options, resolve: resolve, reject: reject, started: false };
      waiting.push(job);
      if (loaded) watch(job);
    });
  }

  // Nothing chart-related competes with the page's own files: charts are watched from the load event on.
  window.addEventListener("load", function () {
    loaded = true;
    waiting.forEach(watch);
    setTimeout(function () { idle(drawRest); }, SETTLE_MS);
  });
  window.vegaEmbed = standIn;
})();
