/* quick-exit: "Vorige pagina", the way back inside the site (issue 19).
 *
 * The quick exit itself is armed in <head> by assets/exit-early.js, which also makes every
 * navigation inside the site replace the current history entry, so the browser's Back leaves the
 * site. Instead, a page reached from another page of the site gets a "Vorige pagina" link to it.
 * The previous page travels in the address (`?van=/signalen/`): nothing is stored, and the quick
 * exit replaces that address too. One step only: a longer trail would put the reading history
 * into one address.
 */
(function () {
  "use strict";

  var root = document.querySelector("[data-quick-exit]");
  var article = document.querySelector(".md-content__inner");
  if (!root || !article) return;
  root.setAttribute("data-quick-exit-ready", "");

  function previousPage() {
    var from = new URLSearchParams(window.location.search).get("van");
    if (!from || from.charAt(0) !== "/" || from.charAt(1) === "/" || from.indexOf("\\") !== -1) return null;
    var url = new URL(from, window.location.origin);
    if (url.origin !== window.location.origin || url.pathname === window.location.pathname) return null;
    return url.pathname;
  }

  var path = previousPage();
  if (!path) return;
  var back = document.createElement("a");
  back.className = "quick-exit-back";
  back.href = path;
  back.setAttribute("data-no-trail", ""); // going back offers no "back" again (exit-early.js)
  var arrow = document.createElement("span");
  arrow.setAttribute("aria-hidden", "true");
  arrow.textContent = "← ";
  back.appendChild(arrow);
  back.appendChild(document.createTextNode(root.getAttribute("data-text-back")));
  article.insertBefore(back, article.firstChild);
})();
