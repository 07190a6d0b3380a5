// MathJax only where and when a formula needs it. analysis/sphinx_assets.py puts this file (deferred) instead of
// the MathJax <script> on pages that have a formula, and only there; data-mathjax gives the vendored MathJax
// (mathjax/VERSION.txt). MathJax is fetched once the page's own files are in, and typesets the formulas that are
// within a screen of the viewport; the others are typeset as they come near, and any left once the page has
// loaded and settled are typeset in small batches when the browser is idle. So the first paint never waits for
// MathJax (1.3 MB) and loading the page never runs it over formulas the reader cannot see yet.
(function () {
  "use strict";
  var me = document.currentScript;
  var src = me && me.getAttribute("data-mathjax");
  if (!src) return;
  var SELECTOR = ".math, .mathjax_process, .tex2jax_process";
  var BATCH = 8;
  var SETTLE_MS = 5000; // after the load event, before typesetting the formulas nobody has scrolled to yet
  var IDLE_MS = 200;
  var config = (window.MathJax = window.MathJax || {});
  config.startup = Object.assign(config.startup || {}, { typeset: false });

  var started = null;
  function mathjax() {
    if (!started) {
      started = new Promise(function (resolve, reject) {
        var s = document.createElement("script");
        s.src = src;
        s.async = true;
        s.onload = function () { window.MathJax.startup.promise.then(resolve, reject); };
        s.onerror = function () { reject(new Error("could not load " + src)); };
        document.head.appendChild(s);
      });
    }
    return started;
  }

  var pending = [];
  var chain = Promise.resolve();
  function typeset(elements) {
    elements = elements.filter(function (el) { return pending.indexOf(el) >= 0; });
    if (!elements.length) return chain;
    pending = pending.filter(function (el) { return elements.indexOf(el) < 0; });
    if (observer) elements.forEach(function (el) { observer.unobserve(el); });
    chain = chain
      .then(mathjax)
      .then(function () { return window.MathJax.typesetPromise(elements); })
      .catch(function (err) { console.warn("MathJax:", err); });
    return chain;
  }

  var observer = ("IntersectionObserver" in window) ? new IntersectionObserver(function (entries) {
    typeset(entries.filter(function (e) { return e.isIntersecting; }).map(function (e) { return e.target; }));
  }, { rootMargin: "100% 0px" }) : null;

  // An idle moment, or at most IDLE_MS later (a browser that never idles, as under headless virtual time).
  function idle(fn) {
    return window.requestIdleCallback ? requestIdleCallback(fn, { timeout: IDLE_MS }) : setTimeout(fn, 50);
  }
  function typesetRest() {
    if (pending.length) typeset(pending.slice(0, BATCH)).then(function () { idle(typesetRest); });
  }

  function start() {
    pending = Array.prototype.slice.call(document.querySelectorAll(SELECTOR));
    if (observer) pending.forEach(function (el) { observer.observe(el); });
    else typesetRest();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
  function settle() { setTimeout(function () { idle(typesetRest); }, SETTLE_MS); }
  if (document.readyState === "complete") settle();
  else window.addEventListener("load", settle);
})();
