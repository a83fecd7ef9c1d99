/* exit-early: "Snel weg" armed from the first paint, and a visit kept to one history entry (issue 19).
 *
 * Loaded synchronously in <head> (overrides/main.html), before any of the body is parsed, so the
 * quick exit works while the rest of the page and its scripts are still on their way. Everything
 * listens on `window` and looks elements up when an event arrives.
 *
 * - Click, or Enter on the focused link, or Shift three times within five seconds (not while
 *   typing): blank the page at once, then location.replace to the exit address. Framed by another
 *   site, leave through the top window; when that is refused, blank the frame itself.
 * - Every link (menu, search results, language switch, footer, "Vorige pagina", a help site) and
 *   Material's n/p keys navigate with location.replace: the whole visit is one history entry, so
 *   the exit's own replace takes the whole visit out of Back and out of a reopened tab, and a help
 *   site reached from the handbook takes the visit's place. The page
 *   read before carries over as `?van=/path/`, so quick-exit.js can offer a way back (one step)
 *   without storage or cookies.
 * - Before leaving it fires "quick-exit" on window: read-aloud.js silences its voice there.
 * - No form is ever sent (issue 29): the site has none to send, and the search box is a form.
 *   Enter in it used to reload the page as `?query=…` when one of Material's handlers threw:
 *   the words went to the server, the address bar and the history. The CSP's form-action 'none'
 *   refuses it too, also without JavaScript.
 */
(function () {
  "use strict";

  var script = document.currentScript;
  var EXIT = script && script.getAttribute("data-exit");
  var TIMEOUT = 5000;
  var presses = 0;
  var lastKeyWasModified = false;
  var pressTimer = null;
  var messageTimer = null;
  var title = null;

  function box() {
    return document.querySelector("[data-quick-exit]");
  }

  function say(name) {
    var root = box();
    var status = root && root.querySelector("[data-quick-exit-status]");
    if (status) status.textContent = name ? root.getAttribute("data-text-" + name) || "" : "";
  }

  // Three lights on the button show the count (decoration: the status speaks).
  function showCount() {
    var dots = document.querySelector(".quick-exit__dots");
    if (!dots) return;
    dots.hidden = presses === 0;
    for (var i = 0; i < dots.children.length; i++) {
      dots.children[i].classList.toggle("quick-exit__dot--on", i < presses);
    }
  }

  function clearTimers() {
    window.clearTimeout(pressTimer);
    window.clearTimeout(messageTimer);
    pressTimer = messageTimer = null;
  }

  function blank() {
    var root = box();
    var text = root ? root.getAttribute("data-text-loading") : "";
    title = title === null ? document.title : title;
    document.documentElement.classList.add("quick-exit-leaving");
    document.title = text;
    if (document.body && !document.querySelector(".quick-exit-overlay")) {
      var overlay = document.createElement("div");
      overlay.className = "quick-exit-overlay";
      overlay.setAttribute("role", "alert");
      document.body.appendChild(overlay);
      overlay.textContent = text; // after insertion: announced more reliably
    }
  }

  function exit(event) {
    if (event) event.preventDefault();
    var link = document.querySelector(".quick-exit__button");
    var target = EXIT || (link && link.href);
    clearTimers();
    presses = 0;
    showCount();
    say("");
    window.dispatchEvent(new Event("quick-exit"));
    // Hide first, then navigate: on a slow connection the page would otherwise stay readable.
    blank();
    if (window.top !== window.self) {
      try {
        window.top.location.replace(target);
        return;
      } catch (refused) {
        // A cross-origin parent without user activation, or a sandbox: leave nothing in the frame.
        window.location.replace("about:blank");
        return;
      }
    }
    window.location.replace(target);
  }

  function stopCounting(announce) {
    clearTimers();
    var wasCounting = presses > 0;
    presses = 0;
    showCount();
    if (announce && wasCounting) {
      say("stopped");
      messageTimer = window.setTimeout(function () { say(""); }, TIMEOUT);
    } else {
      say("");
    }
  }

  // Typing in the search box or any form field must never count: capitals need Shift.
  function isTyping(target) {
    return target instanceof Element &&
      (target.isContentEditable || target.closest("input, textarea, select, [contenteditable]") !== null);
  }

  function onKeyup(event) {
    if (isTyping(event.target)) {
      if (presses > 0) stopCounting(false);
      lastKeyWasModified = event.shiftKey;
      return;
    }
    // Shift on its own only: after Shift+A the Shift keyup follows a keyup with shiftKey set.
    if (event.key === "Shift" && !lastKeyWasModified) {
      presses += 1;
      showCount();
      window.clearTimeout(messageTimer);
      if (presses >= 3) {
        exit();
        return;
      }
      say(presses === 1 ? "two" : "one");
      // Five seconds for all three presses, counted from the first.
      if (presses === 1) pressTimer = window.setTimeout(function () { stopCounting(true); }, TIMEOUT);
    } else if (presses > 0) {
      stopCounting(true);
    }
    lastKeyWasModified = event.shiftKey;
  }

  // The address to go to instead of a new history entry, or null to let the browser act:
  // tel: and mailto:, new tabs or windows, downloads and modified clicks are left alone.
  // Another site (a help site) takes this entry's place too (issue 29): otherwise Back from it
  // showed the handbook page again, and after the exit there Forward reopened the help site.
  function replacement(anchor, event) {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey ||
        event.shiftKey || event.altKey) return null;
    if ((anchor.target && anchor.target !== "_self") || anchor.hasAttribute("download")) return null;
    var url = new URL(anchor.href, window.location.href);
    if (url.protocol !== "https:" && url.protocol !== "http:") return null;
    if (url.origin !== window.location.origin) return url.href;
    var here = window.location;
    if (url.pathname === here.pathname && url.search === here.search) return url.href; // same page: #anchor
    // A file (a leaflet PDF) cannot show "Vorige pagina"; the way back itself leaves no trail.
    if (!anchor.hasAttribute("data-no-trail") && !/\.(?!html$)[a-z0-9]+$/i.test(url.pathname) &&
        url.pathname !== here.pathname) {
      url.searchParams.set("van", here.pathname);
    }
    return url.href.replace(/van=([^&#]*)/, function (_, value) { return "van=" + value.replace(/%2F/gi, "/"); });
  }

  function onClick(event) {
    var anchor = event.target instanceof Element && event.target.closest("a[href]");
    if (!anchor) return;
    if (anchor.classList.contains("quick-exit__button")) {
      exit(event);
      return;
    }
    var url = replacement(anchor, event);
    if (url === null) return;
    event.preventDefault();
    window.location.replace(url);
  }

  // Material's "n"/"." and "p"/"," go to the next/previous page with a new history entry.
  var KEYS = { n: "next", ".": "next", p: "prev", ",": "prev" };

  function onKeydown(event) {
    var rel = KEYS[event.key];
    var search = document.getElementById("__search");
    if (!rel || event.metaKey || event.ctrlKey || event.altKey || isTyping(event.target) ||
        (search && search.checked)) return;
    var link = document.querySelector("link[rel=" + rel + "]");
    if (!link) return;
    event.preventDefault();
    event.stopPropagation();
    var anchor = document.createElement("a");
    anchor.href = link.href;
    window.location.replace(replacement(anchor, { button: 0 }));
  }

  // Back from the next site may show this page from the back/forward cache, still blank.
  function reset() {
    document.documentElement.classList.remove("quick-exit-leaving");
    if (title !== null) document.title = title;
    title = null;
    var overlay = document.querySelector(".quick-exit-overlay");
    if (overlay) overlay.remove();
    stopCounting(false);
  }

  function onSubmit(event) {
    event.preventDefault();
  }

  window.addEventListener("click", onClick, true);
  window.addEventListener("submit", onSubmit, true);
  window.addEventListener("keyup", onKeyup, true);
  window.addEventListener("keydown", onKeydown, true);
  window.addEventListener("pageshow", reset);
})();
