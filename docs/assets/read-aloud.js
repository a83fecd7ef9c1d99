/* read-aloud: the page read aloud, sentence by sentence, by the device's own voice (issue 18).
 *
 * Loaded by assets/read-aloud-start.js on the first press of "Voorlezen", which hands over the
 * control, the chosen local voice and the page language. Reads the article in reading order:
 * headings, paragraphs, list items, table cells, quotes with who said them, figure captions.
 * Skips navigation, source lines (p.bron), the Dutch originals on English pages, the "checked
 * on" line of route cards and anything hidden. Phone numbers and route names are read digit by
 * digit, in the groups a person dials ("0 8 0 0, 2 0 0 0"; "1 1 2"). A part marked with another
 * language (`<span lang="nl">Ouders aan het woord</span>` on an English page) is read by the
 * device's own voice for that language, or left out when it has none (issue 32): an English voice
 * reading Dutch words helps no one.
 *
 * The sentence being read is highlighted (CSS Custom Highlight API; the block also gets a class,
 * which is all older browsers show) and scrolled into view, smoothly unless reduced motion is
 * asked for. Pause cancels and remembers the sentence; resume starts it again: engines differ in
 * what pause()/resume() do. Nothing is stored; the quick exit's "quick-exit" event (fired by
 * assets/exit-early.js before it leaves) and leaving the page stop the voice at once.
 */
(function () {
  "use strict";

  // Parts of the article that are not read.
  var SKIP = ".bron, .quote__original, .quote__label, figure.quote > figcaption, .route-card__checked, " +
    ".voice-uses, .read-aloud, .quick-exit-back, .md-source-file, nav, svg, script, style, [hidden], [aria-hidden='true']";
  // Numbers here are dialled: read digit by digit.
  var DIAL = "a[href^='tel:'], .route-card > h4, a[href^='#route-']";
  var STEPS = "a[href], button, input, select, textarea, summary, label";
  var SAYS = { nl: [" zegt: ", "Het rapport zegt: "], en: [" says: ", "The report says: "] };
  var SLOW = 0.75;
  var HIGHLIGHT = "read-aloud";

  // "0800-2000" → "0 8 0 0, 2 0 0 0"; "112" → "1 1 2"; shorter numbers ("7 dagen") stay as they are.
  function digits(text) {
    return text.replace(/\d{3,}(?:[-\s]\d+)*/g, function (number) {
      return number.split(/\D+/).map(function (group) { return group.split("").join(" "); }).join(", ");
    });
  }

  // What a quote's voice says first: "ouder 3 zegt: " from "ouder 3 — Ouders aan het woord, §3.2".
  function speaker(figure, lang) {
    var says = SAYS[lang] || SAYS.nl;
    var caption = figure.querySelector(":scope > figcaption");
    var text = caption ? caption.textContent.replace(/\s+/g, " ").trim() : "";
    var dash = text.indexOf(" — ");
    return dash > 0 ? text.slice(0, dash) + says[0] : says[1];
  }

  function isBlock(element) {
    return getComputedStyle(element).display.indexOf("inline") !== 0;
  }

  function skipped(element) {
    return element.matches(SKIP) || getComputedStyle(element).display === "none";
  }

  // The language a text node is written in: its nearest `lang`, two letters.
  function languageOf(node) {
    var marked = node.parentNode && node.parentNode.closest("[lang]");
    return marked ? marked.getAttribute("lang").slice(0, 2).toLowerCase() : "";
  }

  // The text nodes of inline content, added to `run`; `dial`: numbers in them are dialled.
  function inline(element, run, dial) {
    Array.prototype.forEach.call(element.childNodes, function (node) {
      if (node.nodeType === 3) {
        run.push({ node: node, dial: dial, lang: languageOf(node) });
      } else if (node.nodeType === 1 && !skipped(node)) {
        inline(node, run, dial || node.matches(DIAL));
      }
    });
  }

  // Runs of text in reading order: [{element, items, prefix}]. A block's own text before and after
  // its child blocks (a figure caption before its list) makes runs of its own. `lead.text` (who
  // speaks) goes before the first run inside a quote, however deep.
  function runs(element, lang, out, lead) {
    var run = [];
    var dial = element.matches(DIAL);
    function flush() {
      if (run.some(function (item) { return item.node.nodeValue.trim(); })) {
        out.push({ element: element, items: run, prefix: lead.text });
        lead.text = "";
      }
      run = [];
    }
    Array.prototype.forEach.call(element.childNodes, function (node) {
      if (node.nodeType === 3) {
        run.push({ node: node, dial: dial, lang: languageOf(node) });
      } else if (node.nodeType !== 1 || skipped(node)) {
        return;
      } else if (isBlock(node)) {
        flush();
        runs(node, lang, out, node.matches("figure.quote > blockquote") ? { text: speaker(node.parentNode, lang) } : lead);
      } else {
        inline(node, run, dial || node.matches(DIAL));
      }
    });
    flush();
    return out;
  }

  // Omission marks and arrows are for the eye; a voice would spell them out.
  function tidy(text) {
    return text.replace(/\[(…|\.\.\.)\]|→/g, " ").replace(/\s+/g, " ");
  }

  // One run split into sentences: [{element, range, text, parts: [{text, lang}]}]; `parts` are
  // the sentence's pieces in one language each, in order.
  function sentences(run, segmenter, lang) {
    // A line break in the source is not the end of a sentence (same length: offsets still hold).
    var flat = run.items.map(function (item) { return item.node.nodeValue; }).join("").replace(/\s/g, " ");
    var bounds = [];
    if (segmenter) {
      Array.from(segmenter.segment(flat)).forEach(function (s) { bounds.push([s.index, s.index + s.segment.length]); });
    } else {
      bounds.push([0, flat.length]); // no Intl.Segmenter: the whole block at once
    }
    var out = [];
    bounds.forEach(function (bound) {
      var start = bound[0], end = bound[1];
      while (start < end && flat.charAt(start) === " ") start++;
      while (end > start && flat.charAt(end - 1) === " ") end--;
      if (start === end) return;
      var range = document.createRange();
      var parts = [];
      var offset = 0;
      run.items.forEach(function (item) {
        var length = item.node.nodeValue.length;
        var from = Math.max(start, offset), to = Math.min(end, offset + length);
        if (start >= offset && start <= offset + length && !range.startContainer.nodeValue) range.setStart(item.node, start - offset);
        if (end >= offset && end <= offset + length) range.setEnd(item.node, end - offset);
        if (from < to) {
          var piece = item.node.nodeValue.slice(from - offset, to - offset);
          var part = item.lang && item.lang !== lang ? item.lang : lang;
          var last = parts[parts.length - 1];
          if (last && last.lang === part) last.text += item.dial ? digits(piece) : piece;
          else parts.push({ text: item.dial ? digits(piece) : piece, lang: part });
        }
        offset += length;
      });
      parts = parts.map(function (p) { return { text: tidy(p.text).trim(), lang: p.lang }; })
        .filter(function (p) { return p.text; });
      if (!parts.length) return;
      if (!out.length && run.prefix) {
        if (parts[0].lang === lang) parts[0].text = run.prefix + parts[0].text;
        else parts.unshift({ text: run.prefix.trim(), lang: lang });
      }
      var text = parts.map(function (p) { return p.text; }).join(" ");
      out.push({ element: run.element, range: range, text: text, parts: parts });
    });
    return out;
  }

  function segmentsOf(article, lang) {
    var segmenter = window.Intl && Intl.Segmenter ? new Intl.Segmenter(lang, { granularity: "sentence" }) : null;
    var out = [];
    runs(article, lang, [], { text: "" }).forEach(function (run) { out = out.concat(sentences(run, segmenter, lang)); });
    return out;
  }

  // `voiceFor(language)`: the device's own (local) voice for that language, or null.
  window.njkReadAloud = function (root, voiceFor, lang) {
    var synth = window.speechSynthesis;
    var article = document.querySelector(".md-content__inner");
    var toggle = root.querySelector("[data-read-aloud-toggle]");
    var panel = root.querySelector("#read-aloud-panel");
    var play = root.querySelector("[data-read-aloud-action='play']");
    var slow = root.querySelector("[data-read-aloud-action='slow']");
    var canHighlight = window.Highlight && window.CSS && CSS.highlights;
    var reduce = window.matchMedia("(prefers-reduced-motion: reduce)");
    var segments = segmentsOf(article, lang);
    var state = "idle"; // idle | playing | paused
    var index = 0;
    var turn = 0; // callbacks of an utterance from an earlier turn are ignored
    var marked = null;

    function setState(next) {
      state = next;
      root.setAttribute("data-state", next);
      play.textContent = root.getAttribute("data-text-" + (next === "playing" ? "pause" : next === "paused" ? "resume" : "play"));
    }

    function unmark() {
      if (marked) marked.classList.remove("read-aloud-current");
      marked = null;
      if (canHighlight) CSS.highlights.delete(HIGHLIGHT);
    }

    function show(segment) {
      unmark();
      marked = segment.element;
      marked.classList.add("read-aloud-current");
      if (canHighlight) CSS.highlights.set(HIGHLIGHT, new Highlight(segment.range));
      // Below the fixed header and this sticky control, and above the bottom edge.
      var rect = segment.range.getBoundingClientRect();
      var top = root.getBoundingClientRect().bottom + 8;
      if (rect.top < top || rect.bottom > window.innerHeight - 16) {
        window.scrollBy({ top: rect.top - top - (window.innerHeight - top) / 4, behavior: reduce.matches ? "auto" : "smooth" });
      }
    }

    function speak(i) {
      turn += 1;
      var mine = turn;
      if (i >= segments.length || !voiceFor(lang)) {
        stop();
        return;
      }
      index = i;
      setState("playing");
      show(segments[i]);
      say(i, 0, mine);
    }

    // Part `k` of sentence `i`, each part by the voice of its language (none: it is left out).
    function say(i, k, mine) {
      var parts = segments[i].parts;
      if (k >= parts.length) {
        speak(i + 1);
        return;
      }
      var voice = voiceFor(parts[k].lang);
      if (!voice) {
        say(i, k + 1, mine);
        return;
      }
      var utterance = new SpeechSynthesisUtterance(parts[k].text);
      utterance.voice = voice;
      utterance.lang = voice.lang; // Android uses the voice only with its language set
      utterance.rate = slow.getAttribute("aria-pressed") === "true" ? SLOW : 1;
      utterance.onend = function () { if (mine === turn && state === "playing") say(i, k + 1, mine); };
      utterance.onerror = function () { if (mine === turn) stop(); };
      synth.speak(utterance);
    }

    // Quiet at once; later callbacks of what was speaking are ignored.
    function silence() {
      turn += 1;
      synth.cancel();
    }

    function restart(i) {
      silence();
      speak(i);
    }

    function stop() {
      silence();
      unmark();
      index = 0;
      setState("idle");
    }

    // Reading starts where text is selected in the article, else at the top.
    function startIndex() {
      var selection = window.getSelection();
      var node = selection && selection.rangeCount ? selection.anchorNode : null;
      return node && article.contains(node) ? indexAt(node) : 0;
    }

    // The first sentence of the innermost block that holds `node`.
    function indexAt(node) {
      for (var at = node; at && at !== article; at = at.parentNode) {
        for (var i = 0; i < segments.length; i++) {
          if (segments[i].element === at) return i;
        }
      }
      return 0;
    }

    function open(expanded) {
      toggle.setAttribute("aria-expanded", String(expanded));
      panel.hidden = !expanded;
      root.classList.toggle("read-aloud--open", expanded);
    }

    toggle.addEventListener("click", function () {
      if (toggle.getAttribute("aria-expanded") === "true") {
        stop();
        open(false);
      } else {
        open(true);
        restart(startIndex());
      }
    });

    play.addEventListener("click", function () {
      if (state === "playing") {
        silence();
        setState("paused");
      } else {
        restart(state === "paused" ? index : startIndex());
      }
    });

    root.querySelector("[data-read-aloud-action='stop']").addEventListener("click", stop);

    slow.addEventListener("click", function () {
      slow.setAttribute("aria-pressed", String(slow.getAttribute("aria-pressed") !== "true"));
      if (state === "playing") restart(index);
    });

    // Start from here: a tap on text while the controls are open (not on a link, not selecting).
    article.addEventListener("click", function (event) {
      var target = event.target;
      var selection = window.getSelection();
      if (panel.hidden || root.contains(target) || target.closest(STEPS) || (selection && !selection.isCollapsed)) return;
      var i = indexAt(target);
      if (segments[i] && segments[i].element.contains(target)) restart(i);
    });

    window.addEventListener("quick-exit", silence);
    window.addEventListener("pagehide", stop);

    open(true);
    restart(startIndex());
  };
})();
