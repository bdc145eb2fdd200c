/* Bar charts of core/_bar_chart.html (ECharts, served locally). The same numbers are in a table
   beside each chart; without ECharts (or JavaScript) the table alone remains. */
(function () {
  if (typeof echarts === "undefined") return;
  var palette = ["#b4232a", "#1d5fa8", "#a15c00", "#1f7a3a", "#6b4fa0", "#5b6470"];
  var charts = [];
  document.querySelectorAll("[data-bar-chart]").forEach(function (node) {
    var source = document.getElementById(node.getAttribute("data-bar-chart"));
    if (!source) return;
    var d = JSON.parse(source.textContent);
    var category = { type: "category", data: d.labels, axisLabel: { width: 110, overflow: "truncate", interval: 0 } };
    var value = { type: "value", name: d.unit || "", minInterval: 1 };
    var chart = echarts.init(node, null, { renderer: "svg" });
    chart.setOption({
      color: palette,
      grid: { left: 8, right: 24, top: d.series.length > 1 ? 36 : 12, bottom: 8, containLabel: true },
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
      legend: d.series.length > 1 ? { top: 0, data: d.series.map(function (s) { return s.name; }) } : undefined,
      xAxis: d.horizontal ? value : category,
      yAxis: d.horizontal ? category : value,
      series: d.series.map(function (s) { return { name: s.name, type: "bar", data: s.data }; })
    });
    charts.push(chart);
  });
  window.addEventListener("resize", function () { charts.forEach(function (c) { c.resize(); }); });
})();
