/* Keyboard access to Material's header toggles (menu, search). scripts/accessibility.py puts a
   real <button data-for="__drawer|__search"> beside each of Material's labels; pressing it
   presses the label, so Material's own behaviour runs. Escape closes the menu; focus moves
   into the opened menu and back to its button on close. */
(function () {
  "use strict";

  function label(id) {
    return document.querySelector('label.md-header__button[for="' + id + '"]');
  }

  Array.prototype.forEach.call(document.querySelectorAll("button.njk-toggle[data-for]"), function (button) {
    var id = button.getAttribute("data-for");
    var box = document.getElementById(id);
    if (!box || !label(id)) return;
    function sync() { button.setAttribute("aria-expanded", box.checked ? "true" : "false"); }
    button.addEventListener("click", function () {
      label(id).click();
      sync();
      if (id === "__drawer" && box.checked) {
        var first = document.querySelector(".md-sidebar--primary .md-nav--primary a[href]");
        if (first) first.focus();
      }
    });
    box.addEventListener("change", sync);
    sync();
  });

  document.addEventListener("keydown", function (event) {
    var drawer = document.getElementById("__drawer");
    if (event.key !== "Escape" || !drawer || !drawer.checked) return;
    drawer.checked = false;
    drawer.dispatchEvent(new Event("change"));
    var button = document.querySelector('button.njk-toggle[data-for="__drawer"]');
    if (button) button.focus();
  });
})();
