// Thin helpers over uPlot (from npm, see client/package.json): line charts, p10-p50-p90 bands, paper target bands.
"use strict";
const Charts = (() => {
  const palette = ["#4c7be0", "#e0724c", "#2a9d5c", "#9b59b6", "#c9a227", "#555"];
  const num = v => (typeof v === "number" && isFinite(v) ? v : null);
  const width = el => Math.max(320, (el.clientWidth || 540) - 10);

  // series: [{label, values}] over xs; opts: {xLabel, yLabel, bands: [[upperIdx, lowerIdx]], targets: [{min,max,label}]}
  function line(el, title, xLabel, yLabel, opts = {}) {
    let chart = null;
    return {
      set(xs, series) {
        const data = [xs.map(num), ...series.map(s => s.values.map(num))];
        if (chart && chart.series.length === series.length + 1) { chart.setData(data); return; }
        if (chart) chart.destroy();
        chart = new uPlot({
          title, width: width(el), height: 230,
          scales: { x: { time: false } },
          axes: [{ label: xLabel }, { label: yLabel },
            ...[...new Set(series.map(s => s.scale).filter(Boolean))].map(scale => ({ scale, label: scale, side: 1, grid: { show: false } }))],
          series: [{ label: xLabel }, ...series.map((s, i) => ({
            label: s.label, stroke: s.color || palette[i % palette.length], width: s.width || 1.5,
            dash: s.dash, scale: s.scale || "y" }))],
          bands: (opts.bands || []).map(([u, l]) => ({ series: [u, l], fill: "rgba(76,123,224,0.15)" })),
          hooks: { drawClear: [u => drawTargets(u, opts.targets || [])] },
        }, data, el);
      },
      get chart() { return chart; },
    };
  }

  // Shaded horizontal bands for the paper's target rows (min/max on the y scale; an open end reaches the edge).
  function drawTargets(u, targets) {
    const ctx = u.ctx;
    for (const t of targets) {
      const top = t.max == null ? u.bbox.top : u.valToPos(t.max, "y", true);
      const bottom = t.min == null ? u.bbox.top + u.bbox.height : u.valToPos(t.min, "y", true);
      ctx.save();
      ctx.fillStyle = t.passed ? "rgba(19,115,51,0.12)" : "rgba(179,38,30,0.12)";
      ctx.fillRect(u.bbox.left, Math.min(top, bottom), u.bbox.width, Math.abs(bottom - top));
      ctx.fillStyle = "#555"; ctx.font = `${10 * devicePixelRatio}px sans-serif`;
      ctx.fillText(t.label, u.bbox.left + 4, Math.min(top, bottom) + 12 * devicePixelRatio);
      ctx.restore();
    }
  }

  // p10/p50/p90 of a quantity over cycle, the p10-p90 band shaded.
  function bands(el, title, yLabel) {
    const c = line(el, title, "cycle", yLabel, { bands: [[3, 1]] });
    return { set: b => c.set(b.cycle, [
      { label: "p10", values: b.p10, color: "#9db5ef", width: 1 },
      { label: "median", values: b.p50, color: "#2450b8", width: 2 },
      { label: "p90", values: b.p90, color: "#9db5ef", width: 1 }]) };
  }

  return { line, bands, num };
})();
