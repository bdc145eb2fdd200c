/* Burden dashboard charts (ECharts, served locally). Data comes from the json_script block. */
(function () {
  var el = document.getElementById("burden-chart");
  if (!el || typeof echarts === "undefined") return;
  var d = JSON.parse(el.textContent);
  var red = "#b4232a", palette = ["#b4232a", "#1d5fa8", "#a15c00", "#1f7a3a", "#6b4fa0", "#5b6470", "#d2691e", "#2a9d8f", "#8f1b21"];
  var charts = [];
  function make(id, option) {
    var node = document.getElementById(id);
    if (!node) return;
    var c = echarts.init(node, null, { renderer: "svg" });
    option.color = palette;
    c.setOption(option);
    charts.push(c);
  }
  var depts = d.departments.slice().reverse();
  make("chart-dept", {
    grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
    tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
    xAxis: { type: "value", name: "小时" },
    yAxis: { type: "category", data: depts.map(function (x) { return x.name.replace(/^汉阴县|^中共汉阴县委/, ""); }), axisLabel: { width: 110, overflow: "truncate" } },
    series: [{ type: "bar", data: depts.map(function (x) { return x.hours; }), itemStyle: { color: red } }]
  });
  make("chart-kind", {
    tooltip: { trigger: "item", formatter: "{b}：{c} 小时（{d}%）" },
    series: [{ type: "pie", radius: ["40%", "70%"], data: d.kinds, label: { formatter: "{b}" } }]
  });
  make("chart-month", {
    grid: { left: 8, right: 8, top: 48, bottom: 8, containLabel: true },
    tooltip: { trigger: "axis" },
    legend: { top: 0, data: ["工时（小时）", "次数"] },
    xAxis: { type: "category", data: d.months },
    yAxis: [{ type: "value", name: "小时" }, { type: "value", name: "次", splitLine: { show: false } }],
    series: [
      { name: "工时（小时）", type: "bar", data: d.month_hours, itemStyle: { color: red } },
      { name: "次数", type: "line", yAxisIndex: 1, data: d.month_counts, itemStyle: { color: "#1d5fa8" } }
    ]
  });
  make("chart-brule", {
    tooltip: { trigger: "item" },
    series: [{ type: "pie", radius: "65%", data: d.breach_rules, label: { formatter: "{b}\n{c}" } }]
  });
  var bdepts = (d.breach_depts || []).slice().reverse();
  make("chart-bdept", {
    grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
    tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
    xAxis: { type: "value", name: "次", minInterval: 1 },
    yAxis: { type: "category", data: bdepts.map(function (x) { return x.name.replace(/^汉阴县|^中共汉阴县委/, ""); }), axisLabel: { width: 110, overflow: "truncate" } },
    series: [{ type: "bar", data: bdepts.map(function (x) { return x.value; }), itemStyle: { color: red } }]
  });
  window.addEventListener("resize", function () { charts.forEach(function (c) { c.resize(); }); });
})();
