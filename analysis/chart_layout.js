  window.inferenceEraEmbed = window.inferenceEraEmbed || function (vegaEmbed, div, spec, opt) {
    var meta = spec.usermeta || {}, desktop = Object.assign({}, spec), state = {}, timer;
    delete desktop.usermeta;
    function columnWidth() {
      var box = div.parentElement || div, style = getComputedStyle(box);
      return box.clientWidth - parseFloat(style.paddingLeft || 0) - parseFloat(style.paddingRight || 0);
    }
    function draw() {
      var width = columnWidth();
      var layout = meta.narrow && width > 0 && width < meta.narrowBelow ? "narrow" : "desktop";
      if (layout === state.layout) return state.drawn;
      state.layout = layout;
      div.setAttribute("data-layout", layout);
      var chosen = desktop, options = opt;
      if (layout === "narrow") {
        chosen = Object.assign({}, meta.narrow, {datasets: Object.assign({}, spec.datasets, meta.narrow.datasets)});
        options = Object.assign({}, opt, {actions: false});
      }
      if (state.result) state.result.finalize();
      var embed = typeof window.vegaEmbed === "function" ? window.vegaEmbed : vegaEmbed;  // the latest one
      state.drawn = embed(div, chosen, options).then(function (result) { state.result = result; return result; });
      return state.drawn;
    }
    window.addEventListener("resize", function () { clearTimeout(timer); timer = setTimeout(draw, 250); });
    var faces = ['11px "IBM Plex Sans"', 'bold 15px "IBM Plex Sans"'];  // labels and titles
    var fonts = document.fonts && document.fonts.load ? Promise.all(faces.map(function (f) {
      return document.fonts.load(f);
    })) : null;
    return Promise.resolve(fonts).catch(function () {}).then(draw);
  };
