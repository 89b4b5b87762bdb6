// The Cite box: a Copy button beside each form of the citation (the text stays selectable without script).
(function () {
  "use strict";
  var status = document.querySelector(".cite-box .copied");
  if (!status || !navigator.clipboard) return;
  document.querySelectorAll(".cite-box button.copy").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      var source = document.getElementById(button.getAttribute("data-copy"));
      navigator.clipboard.writeText(source.textContent.trim()).then(function () {
        status.textContent = status.getAttribute("data-msg-copied");
      });
    });
  });
})();
