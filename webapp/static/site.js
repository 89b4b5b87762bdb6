// Every page: on a phone the header's menu folds away behind a button (without script it stays open).
(function () {
  "use strict";
  var header = document.querySelector("header.site");
  var toggle = header && header.querySelector(".menu-toggle");
  if (!toggle) return;
  toggle.hidden = false;
  header.classList.add("menu-ready");
  toggle.addEventListener("click", function () {
    var open = toggle.getAttribute("aria-expanded") !== "true";
    toggle.setAttribute("aria-expanded", String(open));
    header.classList.toggle("open", open);
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && header.classList.contains("open")) {
      header.classList.remove("open");
      toggle.setAttribute("aria-expanded", "false");
      toggle.focus();
    }
  });
})();
