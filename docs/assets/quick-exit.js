/* quick-exit: "Snel weg" (issue 6), modelled on GOV.UK Frontend's "Exit this page".
 *
 * The link in partials/quick-exit.html already leaves the site without JavaScript. This adds:
 * - blank the page at once (an overlay, the rest hidden), before the next site has loaded;
 * - location.replace, so Back does not return to this handbook page;
 * - Shift pressed three times within five seconds exits, with visible and spoken progress,
 *   never while the reader types in the search box or any other field;
 * - a clean page again when the browser restores it from its back/forward cache.
 */
(function () {
  "use strict";

  var root = document.querySelector("[data-quick-exit]");
  if (!root) return;
  var link = root.querySelector(".quick-exit__button");
  var status = root.querySelector("[data-quick-exit-status]");
  var TIMEOUT = 5000;
  var presses = 0;
  var lastKeyWasModified = false;
  var pressTimer = null;
  var messageTimer = null;
  var overlay = null;
  var title = document.title;

  // Three lights on the button show the count at a glance (decoration: the status speaks).
  var dots = document.createElement("span");
  dots.className = "quick-exit__dots";
  dots.setAttribute("aria-hidden", "true");
  dots.hidden = true;
  for (var i = 0; i < 3; i++) {
    var dot = document.createElement("span");
    dot.className = "quick-exit__dot";
    dots.appendChild(dot);
  }
  link.appendChild(dots);

  function say(text) {
    status.textContent = text;
  }

  function showCount() {
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

  function exit(event) {
    if (event) event.preventDefault();
    clearTimers();
    presses = 0;
    say("");
    // Hide first, then navigate: on a slow connection the page would otherwise stay readable.
    document.documentElement.classList.add("quick-exit-leaving");
    document.title = root.dataset.textLoading;
    overlay = document.createElement("div");
    overlay.className = "quick-exit-overlay";
    overlay.setAttribute("role", "alert");
    document.body.appendChild(overlay);
    overlay.textContent = root.dataset.textLoading; // after insertion: announced more reliably
    window.location.replace(link.href);
  }

  function stopCounting(announce) {
    clearTimers();
    var wasCounting = presses > 0;
    presses = 0;
    showCount();
    if (announce && wasCounting) {
      say(root.dataset.textStopped);
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
      say(presses === 1 ? root.dataset.textTwo : root.dataset.textOne);
      // Five seconds for all three presses, counted from the first.
      if (presses === 1) pressTimer = window.setTimeout(function () { stopCounting(true); }, TIMEOUT);
    } else if (presses > 0) {
      stopCounting(true);
    }
    lastKeyWasModified = event.shiftKey;
  }

  // Back from the next site may show this page from the back/forward cache, still blank.
  function reset() {
    document.documentElement.classList.remove("quick-exit-leaving");
    document.title = title;
    if (overlay) {
      overlay.remove();
      overlay = null;
    }
    stopCounting(false);
  }

  link.addEventListener("click", exit);
  document.addEventListener("keyup", onKeyup, true);
  window.addEventListener("pageshow", reset);
})();
