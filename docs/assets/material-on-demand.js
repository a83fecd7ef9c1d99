/* Material's own script loads at the reader's first interaction, not with the page (issue 31).
 *
 * It was half of a first visit (35 KB gzipped of about 76) and most of the work a slow phone does
 * before it answers. Reading needs none of it: the quick exit (exit-early.js), the menu and search
 * buttons (keyboard.js), the way back and the search help are ours. What it brings (search results,
 * tooltips, the back-to-top button, the contents that follow the scroll) is there from the first
 * tap, key, scroll or focus on. The build leaves the bundle's tag inert
 * (<script type="text/plain" data-njk-material="…">, scripts/postbuild/asset_bundle.py); Material's
 * code starts at once when it arrives (scripts/postbuild/material_patches.py).
 */
(function () {
  "use strict";

  // Material's bundle set this as it started; our buttons and styles follow it from the first paint.
  document.documentElement.classList.remove("no-js");
  document.documentElement.classList.add("js");

  // The colour scheme follows the system setting from the first paint too (Material's bundle did
  // this as it started): the palette whose media query matches, now and when the setting changes.
  var palettes = document.querySelectorAll("[data-md-color-media]");
  function followSystem() {
    for (var i = 0; i < palettes.length; i++) {
      if (!window.matchMedia(palettes[i].getAttribute("data-md-color-media")).matches) continue;
      ["scheme", "primary", "accent"].forEach(function (part) {
        document.body.setAttribute("data-md-color-" + part, palettes[i].getAttribute("data-md-color-" + part));
      });
      return;
    }
  }
  for (var p = 0; p < palettes.length; p++) {
    window.matchMedia(palettes[p].getAttribute("data-md-color-media")).addEventListener("change", followSystem);
  }
  followSystem();

  var holder = document.querySelector("script[data-njk-material]");
  if (!holder) return;
  var EVENTS = ["pointerdown", "keydown", "touchstart", "focusin", "wheel", "scroll"];

  function load() {
    EVENTS.forEach(function (name) { window.removeEventListener(name, load, true); });
    var script = document.createElement("script");
    script.src = holder.getAttribute("data-njk-material");
    document.body.appendChild(script);
  }

  EVENTS.forEach(function (name) { window.addEventListener(name, load, { capture: true, passive: true }); });
})();
