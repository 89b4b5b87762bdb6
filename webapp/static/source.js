// The source reader: light up every stretch of the passage the address names (#span-<start>-<end>),
// which may be cut into several pieces where passages overlap.
(function () {
  function show() {
    document.querySelectorAll("mark.passage.target").forEach(function (mark) { mark.classList.remove("target"); });
    var name = decodeURIComponent(window.location.hash.slice(1));
    if (!/^span-\d+-\d+$/.test(name)) { return; }
    document.querySelectorAll("mark.passage").forEach(function (mark) {
      if ((" " + mark.getAttribute("data-passages") + " ").indexOf(" " + name + " ") !== -1) { mark.classList.add("target"); }
    });
  }
  window.addEventListener("hashchange", show);
  document.addEventListener("DOMContentLoaded", show);
})();
