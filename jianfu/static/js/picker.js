/* Org picker (core.forms.PickerWidget): search, select-all per township and for all, a count, and
   groups saved on this device. Without this script the picker is a plain grouped checkbox list. */
(function () {
  function boxes(root) { return Array.prototype.slice.call(root.querySelectorAll(".picker-option input")); }
  function visible(root) { return boxes(root).filter(function (b) { return !b.closest(".picker-option").hidden; }); }

  function setup(picker) {
    var name = picker.getAttribute("data-picker");
    var key = "jianfu.picker." + location.pathname + "." + name;
    var tools = picker.querySelector("[data-picker-tools]");
    var search = picker.querySelector("[data-picker-search]");
    var count = picker.querySelector("[data-picker-count]");
    var saved = picker.querySelector("[data-picker-saved]");
    var forget = picker.querySelector("[data-picker-forget]");
    tools.hidden = false;

    function refresh() {
      var chosen = boxes(picker).filter(function (b) { return b.checked; }).length;
      count.textContent = "已选 " + chosen + " 个";
      picker.querySelectorAll("[data-picker-group]").forEach(function (group) {
        var toggle = group.querySelector("[data-picker-group-toggle]");
        if (!toggle) return;
        var all = boxes(group), on = all.filter(function (b) { return b.checked; }).length;
        toggle.checked = all.length > 0 && on === all.length;
        toggle.indeterminate = on > 0 && on < all.length;
      });
    }
    function load() {
      try { return JSON.parse(localStorage.getItem(key) || "{}"); } catch (e) { return {}; }
    }
    function fill() {
      var groups = load();
      while (saved.options.length > 1) saved.remove(1);
      Object.keys(groups).sort().forEach(function (label) { saved.add(new Option(label, label)); });
      forget.hidden = !saved.value;
    }

    picker.addEventListener("change", function (event) {
      var t = event.target;
      if (t.hasAttribute("data-picker-group-toggle")) {
        var group = t.closest("[data-picker-group]");
        visible(group).forEach(function (b) { b.checked = t.checked; });
      }
      refresh();
    });
    search.addEventListener("input", function () {
      var q = search.value.trim();
      picker.querySelectorAll("[data-picker-group]").forEach(function (group) {
        var legend = group.querySelector("legend");
        var groupHit = q && legend && legend.textContent.indexOf(q) !== -1;
        var any = false;
        group.querySelectorAll(".picker-option").forEach(function (label) {
          var hit = !q || groupHit || (label.getAttribute("data-name") || "").indexOf(q) !== -1;
          label.hidden = !hit;
          any = any || hit;
        });
        group.hidden = !any;
      });
    });
    search.addEventListener("keydown", function (event) { if (event.key === "Enter") event.preventDefault(); });
    picker.querySelector("[data-picker-all]").addEventListener("click", function () {
      visible(picker).forEach(function (b) { b.checked = true; }); refresh();
    });
    picker.querySelector("[data-picker-none]").addEventListener("click", function () {
      visible(picker).forEach(function (b) { b.checked = false; }); refresh();
    });
    picker.querySelector("[data-picker-save]").addEventListener("click", function () {
      var values = boxes(picker).filter(function (b) { return b.checked; }).map(function (b) { return b.value; });
      if (!values.length) { window.alert("请先勾选要保存的社区。"); return; }
      var label = (window.prompt("常用分组名称（保存在本机浏览器）：", "") || "").trim();
      if (!label) return;
      var groups = load(); groups[label] = values;
      localStorage.setItem(key, JSON.stringify(groups));
      fill(); saved.value = label; forget.hidden = false;
    });
    saved.addEventListener("change", function () {
      var values = load()[saved.value];
      forget.hidden = !saved.value;
      if (!values) return;
      boxes(picker).forEach(function (b) { b.checked = values.indexOf(b.value) !== -1; });
      refresh();
    });
    forget.addEventListener("click", function () {
      var groups = load(); delete groups[saved.value];
      localStorage.setItem(key, JSON.stringify(groups));
      saved.value = ""; fill();
    });
    fill();
    refresh();
  }
  document.querySelectorAll("[data-picker]").forEach(setup);
})();
