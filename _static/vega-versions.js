// The vendored vega, vega-lite and vega-embed (see vendor/VERSIONS.txt) are loaded by every page before any chart.
// Altair's chart loader checks VEGA_DEBUG["<lib>_version"] against the versions its output asks for
// (altair.vegalite.v6: VEGA_VERSION, VEGALITE_VERSION, VEGAEMBED_VERSION) and fetches a library from the CDN
// only when they differ. Recording them here keeps every page offline. tests/test_figures.py checks the values.
var VEGA_DEBUG = (typeof VEGA_DEBUG == "undefined") ? {} : VEGA_DEBUG;
VEGA_DEBUG["vega_version"] = "6";
VEGA_DEBUG["vegalite_version"] = "6.4.1";
VEGA_DEBUG["vegaembed_version"] = "7";
