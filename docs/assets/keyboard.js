/* Keyboard access to Material's toggles (menu, search, the menu's sections). scripts/postbuild/accessibility.py
   puts a real <button class="njk-toggle" data-for="…"> right after each of Material's labels;
   pressing it presses the label, so Material's own behaviour runs. Escape closes the menu; focus
   moves into what opened (the menu, a section's panel on a phone) and back to its button on
   close. Focus leaving the open search closes it, as Tab inside it no longer does
   (scripts/postbuild/material_patches.py), so results can be reached with Tab. */
(function () {
  "use strict";

  var drawerMode = window.matchMedia("(max-width: 76.234375em)");

  function close(box) {
    box.checked = false;
    box.dispatchEvent(new Event("change"));
  }

  Array.prototype.forEach.call(document.querySelectorAll("button.njk-toggle[data-for]"), function (button) {
    var id = button.getAttribute("data-for");
    var box = document.getElementById(id);
    var label = button.previousElementSibling;
    if (!box || !label || label.tagName !== "LABEL") return;
    function sync() { button.setAttribute("aria-expanded", box.checked ? "true" : "false"); }
    button.addEventListener("click", function () {
      label.click();
      sync();
      if (!box.checked) return;
      var first = null;
      if (id === "__drawer") {
        first = document.querySelector(".md-sidebar--primary .md-nav--primary a[href]");
      } else if (id === "__search") {
        first = document.querySelector(".md-search__input");
      } else if (button.classList.contains("njk-section") && drawerMode.matches) {
        // On a phone the section opens as a panel over the menu: go into it.
        first = box.parentNode.querySelector(".md-nav a[href]");
      }
      if (first) first.focus();
    });
    box.addEventListener("change", sync);
    sync();
  });

  document.addEventListener("keydown", function (event) {
    var drawer = document.getElementById("__drawer");
    if (event.key !== "Escape" || !drawer || !drawer.checked) return;
    close(drawer);
    var button = document.querySelector('button.njk-toggle[data-for="__drawer"]');
    if (button) button.focus();
  });

  document.addEventListener("focusin", function (event) {
    var search = document.getElementById("__search");
    if (search && search.checked && event.target instanceof Element && !event.target.closest(".md-search")) {
      close(search);
    }
  });
})();
