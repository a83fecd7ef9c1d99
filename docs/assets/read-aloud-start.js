/* read-aloud-start (issue 18): shows "Voorlezen" only where the device has its own voice for
 * the page's language; loads read-aloud.js on the first press. In every page's bundle: keep it
 * small. Only localService voices count: any other may send the text to a server. */
(function () {
  "use strict";

  var root = document.querySelector("[data-read-aloud]");
  var synth = window.speechSynthesis;
  if (!root || !synth || !window.SpeechSynthesisUtterance) return;

  // Voice languages per page language, best first. Android writes "nl_NL": compared normalised.
  var WANTED = { nl: ["nl-nl", "nl-be"], en: ["en-gb", "en"] };
  var lang = (document.documentElement.lang || "").slice(0, 2).toLowerCase();
  var voice = null;
  var loading = false;

  // The device's own voice for a language (the page's, or a part marked with its own `lang`).
  function pick(voices, language) {
    var wanted = WANTED[language] || [language];
    for (var i = 0; i < wanted.length; i++) {
      for (var j = 0; j < voices.length; j++) {
        var tag = String(voices[j].lang).toLowerCase().replace(/_/g, "-");
        if (voices[j].localService === true && (tag === wanted[i] || tag.indexOf(wanted[i] + "-") === 0)) {
          return voices[j];
        }
      }
    }
    return null;
  }

  // Voices often arrive late (voiceschanged).
  function update() {
    voice = pick(synth.getVoices(), lang);
    if (voice) root.hidden = false;
  }

  update();
  if (synth.addEventListener) synth.addEventListener("voiceschanged", update);

  root.querySelector("[data-read-aloud-toggle]").addEventListener("click", function () {
    if (loading || !voice || window.njkReadAloud) return;
    loading = true;
    // iOS speaks later utterances only if one was started inside the tap itself.
    var prime = new SpeechSynthesisUtterance("");
    prime.voice = voice;
    prime.lang = voice.lang;
    synth.speak(prime);
    var script = document.createElement("script");
    script.src = root.getAttribute("data-src");
    script.onload = function () {
      window.njkReadAloud(root, function (language) {
        return !language || language === lang ? voice : pick(synth.getVoices(), language);
      }, lang);
    };
    script.onerror = function () { loading = false; };
    document.head.appendChild(script);
  });
})();
