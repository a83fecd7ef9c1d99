"""Issue 18 in a real browser: "Voorlezen" reads the page with the device's own voice only.

The speech engine is a scripted stand-in, injected before any page script runs: it offers local
and network voices, records every utterance (text, voice, rate) and every cancel, and speaks
only when the test says so (`__speech.finish()`) or, in auto mode, ends each utterance at once.
With `later`, it has no voices until `__speech.ready()` (as Chrome, which fills the list late).
"""
from __future__ import annotations

import gzip
import json
import re
import time

import pytest
from axe_playwright_python.sync_playwright import Axe

from scripts.tools.site_build import ROOT

# Real devices' voices (names as platforms report them); only the localService ones may speak.
VOICES = [
    {"name": "Google Nederlands", "lang": "nl-NL", "localService": False},
    {"name": "Microsoft Fenna Online (Natural) - Dutch (Netherlands)", "lang": "nl-NL", "localService": False},
    {"name": "Xander", "lang": "nl-NL", "localService": True},
    {"name": "Ellen", "lang": "nl-BE", "localService": True},
    {"name": "Google UK English Female", "lang": "en-GB", "localService": False},
    {"name": "Daniel", "lang": "en_GB", "localService": True},  # Android writes an underscore
    {"name": "Samantha", "lang": "en-US", "localService": True},
]
NETWORK_ONLY = [v for v in VOICES if not v["localService"]] + [{"name": "Anna", "lang": "de-DE", "localService": True}]

STAND_IN = """
(() => {
  const voices = %(voices)s.map(v => Object.assign({default: false, voiceURI: v.name}, v));
  const later = %(later)s;
  const log = {utterances: [], cancels: 0, auto: false, current: null, scrolls: []};
  const synth = new EventTarget();
  let current = null;
  const queue = [];
  function fire(u, type, extra) {
    const event = Object.assign(new Event(type), {utterance: u}, extra || {});
    if (typeof u["on" + type] === "function") u["on" + type](event);
    u.dispatchEvent(event);
  }
  function next() {
    if (current || !queue.length) return;
    current = queue.shift();
    log.current = current.text;
    fire(current, "start");
    if (log.auto) setTimeout(() => log.finish(), 0);
  }
  log.finish = () => {
    const u = current;
    if (!u) return;
    current = null;
    log.current = null;
    fire(u, "end");
    next();
  };
  synth.getVoices = () => (later && !log.voicesReady) ? [] : voices.slice();
  synth.speak = (u) => {
    log.utterances.push({text: u.text, voice: u.voice && u.voice.name, local: u.voice && u.voice.localService,
                         lang: u.lang, rate: u.rate});
    queue.push(u);
    next();
  };
  synth.cancel = () => {
    log.cancels += 1;
    if (window.__speechReport) window.__speechReport(
      "cancel " + location.pathname + (document.documentElement.classList.contains("quick-exit-leaving") ? " leaving" : ""));
    const u = current;
    queue.length = 0;
    current = null;
    log.current = null;
    if (u) fire(u, "error", {error: "interrupted"});
  };
  synth.pause = () => {};
  synth.resume = () => {};
  class Utterance extends EventTarget {
    constructor(text) {
      super();
      Object.assign(this, {text: text || "", voice: null, lang: "", rate: 1, pitch: 1, volume: 1,
                           onstart: null, onend: null, onerror: null, onboundary: null});
    }
  }
  Object.defineProperty(window, "speechSynthesis", {value: synth, configurable: true});
  window.SpeechSynthesisUtterance = Utterance;
  window.__speech = log;
  log.ready = () => { log.voicesReady = true; synth.dispatchEvent(new Event("voiceschanged")); };
  const scrollBy = window.scrollBy.bind(window);
  window.scrollBy = (options) => { log.scrolls.push(options && options.behavior); scrollBy(options); };
})();
"""
NO_SPEECH = "delete window.speechSynthesis; delete window.SpeechSynthesisUtterance;"
TOGGLE = "[data-read-aloud-toggle]"
HIGHLIGHTED = """() => {
  const h = CSS.highlights.get("read-aloud");
  const range = h && [...h][0];
  const block = document.querySelector(".read-aloud-current");
  if (!range) return null;
  const r = range.getBoundingClientRect();
  return {text: range.toString(), block: block && block.tagName, top: r.top, bottom: r.bottom, height: innerHeight};
}"""
NL, EN = "/hulp-vinden/", "/en/signalen/"


def stand_in(voices=VOICES, later=False) -> str:
    return STAND_IN % {"voices": json.dumps(voices), "later": json.dumps(later)}


@pytest.fixture
def make_page(open_context, base_url):
    """A page of a fresh context with the stand-in engine; returns (page, record, reports)."""

    def make(path, script=None, **options):
        context, record = open_context(**options)
        reports: list[str] = []
        context.expose_function("__speechReport", lambda text: reports.append(text))
        context.add_init_script(script if script is not None else stand_in())
        page = context.new_page()
        page.goto(base_url + path, wait_until="load")
        return page, record, reports

    return make


def wait_for(page, expression: str, timeout: float = 10.0):
    """Poll `expression` until it is truthy. (Playwright's wait_for_function evaluates strings,
    which the site's CSP rightly refuses.)"""
    deadline = time.monotonic() + timeout
    while not (value := page.evaluate(expression)):
        assert time.monotonic() < deadline, f"timed out waiting for {expression}"
        page.wait_for_timeout(50)
    return value


def utterances(page) -> list[dict]:
    return [u for u in page.evaluate("__speech.utterances") if u["text"]]  # without iOS's empty first one


def read_whole_page(page) -> list[str]:
    page.evaluate("__speech.auto = true")
    page.click(TOGGLE)
    wait_for(page, "document.querySelector('[data-read-aloud]').getAttribute('data-state') === 'idle'")
    return [u["text"] for u in utterances(page)]


def dial(number: str) -> str:
    """How a person reads a number to dial, written independently of the site's script."""
    return ", ".join(" ".join(group) for group in re.split(r"\D+", number))


def as_spoken(text: str, numbers: list[str]) -> str:
    """A block's text as the voice should read it: phone numbers dialled, arrows and extra spaces out."""
    for number in sorted(numbers, key=len, reverse=True):
        text = text.replace(number, dial(number))
    return " ".join(text.replace("→", " ").split())


def opening(page) -> tuple[str, str]:
    """What the page itself says first: its title, and its first paragraph as it should be spoken
    (read from the page, so an edit of the text does not break the test)."""
    title, text, numbers = page.evaluate("""() => {
        const first = [...document.querySelectorAll('.md-content__inner > p')]
          .find(p => p.offsetParent !== null && !p.matches('.bron, .read-aloud__hint'));
        return [document.querySelector('.md-content__inner h1').innerText, first.innerText,
                [...first.querySelectorAll('a[href^="tel:"]')].map(a => a.innerText)]; }""")
    return title.strip(), as_spoken(text, numbers)


def first_sentence(page, text: str) -> str:
    """The first sentence of `text`, by the browser's own sentence splitter for the page language."""
    return page.evaluate("""text => { const lang = document.documentElement.lang;
        return [...new Intl.Segmenter(lang, {granularity: 'sentence'}).segment(text)][0].segment.trim(); }""", text)


def test_only_local_voices_of_the_page_language_speak(make_page):
    """Only the device's own voices, the page language's for its text; a part marked with another
    language (the English phrases on Dutch Hulp vinden) gets that language's own voice."""
    for path, allowed, other in ((NL, "Xander", ("en", "Daniel")), (EN, "Daniel", ("nl", "Xander"))):
        page, record, _ = make_page(path)
        assert page.locator(TOGGLE).is_visible(), path
        marked = " ".join(" ".join(page.evaluate(f"[...document.querySelectorAll('.md-content [lang={other[0]}]')].map(e => e.innerText)")).split())
        read_whole_page(page)
        spoken = page.evaluate("__speech.utterances")
        assert len(spoken) > 20, path
        assert {u["voice"] for u in spoken} <= {allowed, other[1]}, path
        assert [u for u in spoken if u["voice"] == allowed], path
        assert not [u["text"] for u in spoken if u["voice"] == other[1] and u["text"] not in marked], path
        assert all(u["local"] is True for u in spoken), path
        assert not record.blocked and not record.csp_violations and not record.page_errors, path


def test_control_absent_without_a_local_voice_in_the_page_language(make_page):
    page, _, _ = make_page(NL, stand_in(NETWORK_ONLY))
    assert page.locator("[data-read-aloud]").is_hidden()
    page, _, _ = make_page(EN, NO_SPEECH)
    assert page.locator("[data-read-aloud]").is_hidden()
    page, _, _ = make_page(NL, java_script_enabled=False)
    assert page.locator("[data-read-aloud]").is_hidden()
    # Voices that arrive later (voiceschanged) still show it.
    page, _, _ = make_page(NL, stand_in(later=True))
    assert page.locator("[data-read-aloud]").is_hidden()
    page.evaluate("__speech.ready()")
    assert page.locator(TOGGLE).is_visible()
    # Never printed.
    page.emulate_media(media="print")
    assert page.evaluate("getComputedStyle(document.querySelector('[data-read-aloud]')).display") == "none"


def test_script_loads_only_when_used(make_page):
    page, record, _ = make_page(NL)
    assert not [u for u in record.requests if "read-aloud.js" in u]
    page.click(TOGGLE)
    wait_for(page, "__speech.utterances.length > 1")
    assert [u for u in record.requests if u.endswith("/assets/read-aloud.js")]


def test_dutch_route_page_is_read_in_order_with_dialable_numbers(make_page):
    page, _, _ = make_page(NL)
    title, first = opening(page)
    spoken = read_whole_page(page)
    assert spoken[:2] == [title, first_sentence(page, first)]
    joined = "\n".join(spoken)
    # Not read: source lines, a card's check line, the header, the controls; no number undialled.
    checked, numbers = page.evaluate("""() => [document.querySelector('.route-card__checked').innerText,
        [...document.querySelectorAll('.md-content a[href^="tel:"]')].map(a => a.innerText)]""")
    for skipped in ("Bron", checked.strip(), "Snel weg", "Naast je kind", "Vorige pagina", "Voorlezen", "→"):
        assert skipped not in joined, skipped
    assert not [n for n in numbers if len(re.sub(r"\D", "", n)) > 3 and n in joined], "a number read as a number"
    # A route card's name is dialled too ("Alarmnummer 1 1 2").
    name = page.evaluate("document.querySelector('.route-card h4').innerText")
    assert re.sub(r"\d{3,}(?:[-\s]\d+)*", lambda m: dial(m.group()), name) in spoken
    # Every paragraph and list item of the page is read, in page order, numbers as dialled.
    texts = page.eval_on_selector_all(
        ".md-content__inner p:not(.bron):not(.route-card__checked):not(.read-aloud__hint), .md-content__inner li",
        # Shown on screen only: the print-only header and a closed source line are not read.
        "els => els.filter(e => e.offsetParent !== null && !e.querySelector('p, ul, ol')).map(e => [e.innerText, [...e.querySelectorAll('a[href^=\"tel:\"]')].map(a => a.innerText)])")
    position = 0
    flat = " ".join(spoken)
    for text, numbers in texts:
        text = as_spoken(text, numbers)
        found = flat.find(text, position)
        assert found >= 0, f"not read in order: {text!r}"
        position = found


def test_english_page_reads_quotes_with_speaker_and_skips_dutch_originals(make_page):
    page, _, _ = make_page(EN)
    spoken = read_whole_page(page)
    assert spoken[0] == "Signs"
    joined = "\n".join(spoken)
    for skipped in ("Ze had steeds een smoesje", "Original (Dutch)", "Source:", "Ouders aan het woord, §", "Leave this site"):
        assert skipped not in joined, skipped
    first = spoken.index("parent 10 says: ‘She always had an excuse.")
    assert spoken[first + 1] == "My mother’s instinct told me it wasn’t okay.’"
    assert spoken.index("Puzzle pieces") < first
    assert any(s.startswith("parent 3 says: ‘It was all puzzle pieces, really.") for s in spoken)
    assert any(s.startswith("The report says: ‘In other words,") for s in spoken)
    # The Dutch page says it in Dutch.
    page, _, _ = make_page("/signalen/")
    assert "ouder 10 zegt: ‘Ze had steeds een smoesje." in read_whole_page(page)


@pytest.mark.parametrize("dutch_voice", [True, False])
def test_dutch_words_on_an_english_page_get_a_dutch_voice_or_are_left_out(make_page, dutch_voice):
    """Issue 32: the English voice read the report's Dutch name as if it were English. A part
    marked lang="nl" is read by the device's own Dutch voice, or left out when it has none."""
    voices = VOICES if dutch_voice else [v for v in VOICES if not v["lang"].startswith("nl")]
    page, _, _ = make_page("/en/over/", stand_in(voices))
    read_whole_page(page)
    said = utterances(page)
    dutch = [u for u in said if "Ouders aan het woord" in u["text"]]
    english = [u for u in said if u["lang"].lower().startswith("en")]
    assert english and all(u["local"] for u in said)
    assert not [u for u in english if "Ouders aan het woord" in u["text"]], "an English voice read Dutch words"
    if dutch_voice:
        assert dutch and all(u["text"] == "Ouders aan het woord" and u["voice"] == "Xander" for u in dutch), dutch
        first = said.index(dutch[0])
        assert said[first - 1]["text"].endswith("is based on the report “")  # the sentence goes on around it
    else:
        assert dutch == []


def test_without_a_sentence_splitter_whole_blocks_are_read(make_page):
    page, _, _ = make_page(NL, stand_in() + "delete Intl.Segmenter;")
    _, first = opening(page)
    spoken = read_whole_page(page)
    assert spoken[1] == first, spoken[1]  # the whole first paragraph in one go
    assert "Bellen: 0 8 0 0, 2 0 0 0 (gratis)" in spoken


def test_highlight_follows_and_controls_work(make_page):
    page, _, _ = make_page(NL, viewport={"width": 360, "height": 640})
    title, first = opening(page)
    sentence = first_sentence(page, first)
    page.click(TOGGLE)
    wait_for(page, f"__speech.current === {json.dumps(title)}")
    toggle = page.locator(TOGGLE)
    assert toggle.get_attribute("aria-expanded") == "true"
    assert page.evaluate(HIGHLIGHTED)["text"] == title
    assert page.evaluate(HIGHLIGHTED)["block"] == "H1"
    page.evaluate("__speech.finish()")
    assert page.evaluate("__speech.current") == sentence
    assert page.evaluate(HIGHLIGHTED)["text"] == sentence
    # Start from here: a tap on a paragraph far down; it is scrolled into view.
    target = page.locator(".route-card p", has_text="Steun voor slachtoffers")
    target.evaluate("p => p.click()")
    assert page.evaluate("__speech.current") == "Steun voor slachtoffers en hun familie."
    page.wait_for_timeout(800)  # smooth scrolling
    shown = page.evaluate(HIGHLIGHTED)
    assert shown["text"] == "Steun voor slachtoffers en hun familie." and shown["block"] == "P"
    assert 0 < shown["top"] and shown["bottom"] < shown["height"], shown
    # Pause, resume (the sentence again), slower, stop.
    play = page.locator("[data-read-aloud-action='play']")
    play.click()
    assert page.evaluate("__speech.current") is None and play.inner_text() == "Verder"
    play.click()
    assert page.evaluate("__speech.current") == "Steun voor slachtoffers en hun familie."
    slow = page.locator("[data-read-aloud-action='slow']")
    slow.click()
    assert slow.get_attribute("aria-pressed") == "true"
    assert utterances(page)[-1]["rate"] < 1 and utterances(page)[-1]["text"].startswith("Steun voor")
    page.locator("[data-read-aloud-action='stop']").click()
    assert page.evaluate("__speech.current") is None and page.evaluate(HIGHLIGHTED) is None
    assert page.locator(".read-aloud-current").count() == 0 and play.inner_text() == "Lees voor"
    # Nothing stored, nothing in the address.
    assert page.evaluate("[localStorage.length, sessionStorage.length, document.cookie]") == [0, 0, ""]
    assert page.url.endswith(NL)


@pytest.mark.parametrize("motion, behaviour", [("reduce", "auto"), ("no-preference", "smooth")])
def test_scrolling_respects_reduced_motion(make_page, motion, behaviour):
    page, _, _ = make_page(NL, reduced_motion=motion, viewport={"width": 360, "height": 640})
    page.click(TOGGLE)
    wait_for(page, "__speech.current === 'Hulp vinden'")
    page.locator("h4#route-politie + p").evaluate("p => p.click()")
    assert page.evaluate("__speech.scrolls")[-1] == behaviour


def test_keyboard_focus_stays_and_nothing_traps_at_320px(make_page):
    page, _, _ = make_page(NL, viewport={"width": 320, "height": 640})
    page.focus(TOGGLE)
    page.keyboard.press("Enter")
    wait_for(page, "__speech.current === 'Hulp vinden'")
    assert page.evaluate("document.activeElement.hasAttribute('data-read-aloud-toggle')")
    names = []
    for _ in range(4):
        page.keyboard.press("Tab")
        names.append(page.evaluate("document.activeElement.textContent.trim()"))
    assert names[:3] == ["Pauze", "Stop", "Langzamer"] and names[3] not in names[:3]
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    for box in page.eval_on_selector_all("[data-read-aloud] button", "bs => bs.map(b => b.getBoundingClientRect().right)"):
        assert box <= 320
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")  # "Stop"
    assert page.evaluate("__speech.current") is None


@pytest.mark.parametrize("how", ["click", "enter", "shift"])
def test_quick_exit_silences_the_voice_before_leaving(make_page, exit_url, stub_exit_page, how):
    page, record, reports = make_page(NL)
    page.click(TOGGLE)
    wait_for(page, "__speech.current === 'Hulp vinden'")
    reports.clear()
    if how == "click":
        page.click(".quick-exit__button")
    elif how == "enter":
        page.focus(".quick-exit__button")
        page.keyboard.press("Enter")
    else:
        for _ in range(3):
            page.keyboard.press("Shift")
    page.wait_for_url(exit_url)
    # The first cancel came from the "quick-exit" event: before the page was blanked to leave.
    assert reports and reports[0] == "cancel " + NL, reports
    assert not record.blocked


@pytest.mark.parametrize("path", [NL, EN])
def test_axe_still_finds_nothing_while_reading(make_page, path):
    page, _, _ = make_page(path, bypass_csp=True)
    page.click(TOGGLE)
    wait_for(page, "__speech.utterances.length > 1")
    results = Axe().run(page, options={"resultTypes": ["violations"]})
    assert results.violations_count == 0, results.generate_report()


def test_first_visit_costs_at_most_two_kilobytes(site_root):
    """What a first visit carries for the feature before anyone uses it, gzipped as scripts/tools/bench.py
    counts it: the starter script in the script bundle, the styles in the stylesheet bundle and
    the control's markup in the page. assets/read-aloud.js itself loads only when used."""
    def gz(data: bytes) -> int:
        return len(gzip.compress(data, 6))

    assets = site_root / "assets"
    page = (site_root / "hulp-vinden" / "index.html").read_bytes()
    parts = [
        (next(assets.glob("site.*.min.js")).read_bytes(), (ROOT / "docs/assets/read-aloud-start.js").read_bytes().rstrip()),
        (next(assets.glob("site.*.min.css")).read_bytes(), (ROOT / "docs/assets/read-aloud.css").read_bytes().rstrip()),
        (page, re.search(rb'\n\s*<div class="read-aloud".*?</p>\s*</div>\s*</div>', page, re.S).group(0)),
    ]
    costs = []
    for whole, part in parts:
        assert part in whole
        costs.append(gz(whole) - gz(whole.replace(part, b"")))
    print(f"read-aloud first-visit cost (gzip bytes): script {costs[0]}, styles {costs[1]}, markup {costs[2]}, total {sum(costs)}")
    assert sum(costs) <= 2048, costs
