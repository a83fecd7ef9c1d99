/* Keyboard access to Material's header toggles (menu, search): the labels get role=button and
   tabindex=0 at build time (scripts/accessibility.py); here Enter/Space press them, Escape
   closes the menu, focus moves into the opened menu and back to its button on close. */
(function () {
  "use strict";
  var toggles = document.querySelectorAll("label[data-toggle]");

  function sync(label) {
    var box = document.getElementById(label.getAttribute("data-toggle"));
    if (box) label.setAttribute("aria-expanded", box.checked ? "true" : "false");
  }

  function firstLink(container) {
    return container && container.querySelector("a[href], input, button, label[tabindex]");
  }

  Array.prototype.forEach.call(toggles, function (label) {
    var id = label.getAttribute("data-toggle");
    var box = document.getElementById(id);
    if (!box) return;
    label.addEventListener("keydown", function (event) {
      if (event.key !== "Enter" && event.key !== " ") return;
      event.preventDefault();
      label.click();
      if (id === "__drawer" && box.checked) {
        var target = firstLink(document.querySelector(".md-sidebar--primary .md-nav--primary"));
        if (target) target.focus();
      }
    });
    box.addEventListener("change", function () { sync(label); });
    sync(label);
  });

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    var drawer = document.getElementById("__drawer");
    if (drawer && drawer.checked) {
      drawer.checked = false;
      drawer.dispatchEvent(new Event("change"));
      var button = document.querySelector('label[data-toggle="__drawer"]');
      if (button) button.focus();
    }
  });
})();
