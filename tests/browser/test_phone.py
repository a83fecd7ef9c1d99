"""Issue 20 in a real browser: the first minute on a phone.

A parent in crisis on a small screen, or with large text, must see the urgent numbers at once,
reach every header control, find the missing-child page by the words she would type, and see
what a long page holds. Text zoom is the browser's own font-size setting doubled
(scripts/tools/screenshots.py, zoom_text), the viewport kept.
"""
from __future__ import annotations

import itertools
import re

import pytest

from scripts.tools.screenshots import zoom_text

WIDTHS = (320, 360, 390)
ZOOMS = (1, 2)
HOME = {"nl": "/", "en": "/en/"}
MISSING = {"nl": "/kind-weg/", "en": "/en/kind-weg/"}
# The header's controls: the quick exit and its info link, menu, search, language switch.
CONTROLS = ".quick-exit__button, .quick-exit__safe, .njk-toggle, .njk-lang__link"

BOXES = """sel => [...document.querySelectorAll(sel)]
  .filter(e => e.getClientRects().length && getComputedStyle(e).visibility !== 'hidden')
  .map(e => { const r = e.getBoundingClientRect();
    const hit = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
    return {name: e.className, x: r.x, y: r.y, w: r.width, h: r.height,
            onTop: !!hit && (hit === e || e.contains(hit)),
            cut: e.scrollWidth > e.clientWidth + 1}; })"""


def open_page(open_tab, base_url, path, width, height=640, zoom=1):
    page, record = open_tab({"width": width, "height": height}, is_mobile=True, has_touch=True)
    page.goto(base_url + path, wait_until="load")
    zoom_text(page, zoom)
    return page, record


def overlap(a, b) -> float:
    dx = min(a["x"] + a["w"], b["x"] + b["w"]) - max(a["x"], b["x"])
    dy = min(a["y"] + a["h"], b["y"] + b["h"]) - max(a["y"], b["y"])
    return max(dx, 0) * max(dy, 0)


def control_problems(boxes: list[dict], width: int) -> list[str]:
    """Overlapping, covered, cut, too small or off-screen controls, in words."""
    problems = []
    for a, b in itertools.combinations(boxes, 2):
        if overlap(a, b) > 0.5:
            problems.append(f"'{a['name']}' overlaps '{b['name']}'")
    for box in boxes:
        if box["w"] < 44 or box["h"] < 44:
            problems.append(f"'{box['name']}' is {box['w']:.0f}×{box['h']:.0f} px, below 44×44")
        if not box["onTop"]:
            problems.append(f"'{box['name']}' is covered by another element")
        if box["cut"]:
            problems.append(f"'{box['name']}' has its label cut off")
        if box["x"] < -0.5 or box["x"] + box["w"] > width + 0.5:
            problems.append(f"'{box['name']}' sticks out of the {width} px screen")
    return problems


def test_overlap_check_can_fail():
    """The box check itself: two controls on top of each other, or a small one, are reported."""
    a = {"name": "a", "x": 0, "y": 0, "w": 48, "h": 48, "onTop": True, "cut": False}
    b = {**a, "name": "b", "x": 20}
    c = {**a, "name": "c", "x": 100, "w": 30}
    problems = control_problems([a, b, c], 320)
    assert "'a' overlaps 'b'" in problems
    assert any("'c' is 30×48" in p for p in problems)
    assert control_problems([a, {**b, "x": 48}], 320) == []


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_home_first_screen_has_the_call_buttons(open_tab, base_url, lang):
    page, record = open_page(open_tab, base_url, HOME[lang], 360, 640)
    buttons = page.evaluate("""() => [...document.querySelectorAll('.md-content a.call-button')].map(a => {
        const r = a.getBoundingClientRect();
        return {href: a.getAttribute('href'), top: r.top, bottom: r.bottom, h: r.height}; })""")
    header = page.evaluate("() => document.querySelector('.md-header').getBoundingClientRect().bottom")
    hrefs = [b["href"] for b in buttons]
    assert hrefs[:2] == ["tel:112", "tel:+318002000"], hrefs
    assert any(h.rstrip("/").endswith("kind-weg") for h in hrefs), hrefs
    for button in buttons:
        assert button["top"] >= header and button["bottom"] <= 640, (button, header)
        assert button["h"] >= 44, button
    assert not record.console_errors and not record.page_errors


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_page_footer_has_the_urgent_numbers(open_tab, base_url, lang):
    page, _ = open_page(open_tab, base_url, MISSING[lang], 360)
    hrefs = page.eval_on_selector_all(".md-footer .footer-urgent a", "as => as.map(a => a.getAttribute('href'))")
    assert "tel:112" in hrefs and "tel:+318002000" in hrefs, hrefs


@pytest.mark.parametrize("lang,width,zoom", list(itertools.product(["nl", "en"], WIDTHS, ZOOMS)))
def test_header_controls_do_not_overlap(open_tab, base_url, lang, width, zoom):
    page, _ = open_page(open_tab, base_url, MISSING[lang], width, 640, zoom)
    boxes = page.evaluate(BOXES, CONTROLS)
    names = [b["name"] for b in boxes]
    # Quick exit, menu, search and language are always there (the info link may step aside at
    # very large text: it is in every footer too).
    assert sum("quick-exit__button" in n for n in names) == 1, names
    assert sum("njk-toggle" in n for n in names) == 2, names
    assert sum("njk-lang__link" in n for n in names) == 1, names
    assert control_problems(boxes, width) == []
    # The menu button really opens the menu (nothing on top of it takes the tap).
    page.locator("button.njk-toggle[data-for='__drawer']").click(timeout=3000)
    assert page.evaluate("() => document.getElementById('__drawer').checked")


# What a finger can hit: visible, not see-through, taking pointer events (Material keeps some
# hidden controls in the layout with opacity 0 and pointer-events none).
TARGETS = """sel => [...document.querySelectorAll('a[href], button, input, label[for], summary')]
  .filter(e => { const r = e.getBoundingClientRect(), s = getComputedStyle(e);
    return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.pointerEvents !== 'none'
      && Number(s.opacity) > 0 && r.bottom > 0 && r.top < innerHeight && !e.matches(sel); })
  .map(e => { const r = e.getBoundingClientRect(); return {name: e.className || e.tagName, x: r.x, y: r.y, w: r.width, h: r.height}; })"""


def gap(a: dict, b: dict) -> float:
    """The free space between two boxes (0 when they touch or overlap)."""
    dx = max(b["x"] - (a["x"] + a["w"]), a["x"] - (b["x"] + b["w"]), 0)
    dy = max(b["y"] - (a["y"] + a["h"]), a["y"] - (b["y"] + b["h"]), 0)
    return (dx * dx + dy * dy) ** 0.5


def test_gap_measures_free_space_between_boxes():
    a = {"x": 0, "y": 0, "w": 10, "h": 10}
    assert gap(a, {"x": 14, "y": 0, "w": 5, "h": 5}) == 4
    assert gap(a, {"x": 13, "y": 14, "w": 5, "h": 5}) == 5
    assert gap(a, {"x": 5, "y": 5, "w": 5, "h": 5}) == 0


@pytest.mark.parametrize("lang,width,zoom", list(itertools.product(["nl", "en"], WIDTHS, ZOOMS)))
def test_nothing_to_tap_within_8px_of_the_quick_exit(open_tab, base_url, lang, width, zoom):
    """Issue 29: a panicked tap beside "Snel weg" must not open a page (the (i) link sat 2 px away)."""
    page, _ = open_page(open_tab, base_url, MISSING[lang], width, 640, zoom)
    exit_box = page.evaluate(BOXES, ".quick-exit__button")[0]
    near = [(t["name"], round(gap(exit_box, t), 1)) for t in page.evaluate(TARGETS, ".quick-exit__button")
            if gap(exit_box, t) < 8]
    assert near == []


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("path", ["", "hulp-vinden/", "kind-weg/", "signalen/"])
def test_at_200_percent_text_the_header_takes_at_most_a_quarter_of_the_screen(open_tab, base_url, lang, path):
    page, _ = open_page(open_tab, base_url, HOME[lang] + path, 360, 640, 2)
    header = page.evaluate("""() => { const h = document.querySelector('.md-header');
        return {bottom: h.getBoundingClientRect().bottom, position: getComputedStyle(h).position}; }""")
    assert header["bottom"] <= 640 / 4 or header["position"] not in ("sticky", "fixed"), header


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_at_200_percent_text_the_first_number_of_finding_help_is_in_the_first_screen(open_tab, base_url, lang):
    page, _ = open_page(open_tab, base_url, HOME[lang] + "hulp-vinden/", 360, 640, 2)
    first = page.evaluate("""() => [...document.querySelectorAll('.md-content a[href^="tel:"]')]
        .map(a => ({href: a.getAttribute('href'), r: a.getBoundingClientRect()})).filter(a => a.r.width > 0)
        .map(a => ({href: a.href, top: a.r.top, bottom: a.r.bottom}))[0]""")
    header = page.evaluate("() => document.querySelector('.md-header').getBoundingClientRect().bottom")
    assert header <= first["top"] and first["bottom"] <= 640, (first, header)


SOURCE_LINES = """() => [...document.querySelectorAll('details.bron > summary')].map(s => {
  const label = document.createRange();
  label.setStart(s.firstChild, 0); label.setEnd(s.firstChild, Math.min(3, s.firstChild.length));
  const name = s.querySelector('em, a');
  const before = getComputedStyle(s, '::before');
  return {text: s.innerText, display: getComputedStyle(s).display, labelTop: label.getClientRects()[0].top,
          nextTop: name ? name.getClientRects()[0].top : null, sign: before.content, height: s.getBoundingClientRect().height};
})"""


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_source_lines_read_as_one_sentence_that_shows_it_opens(open_tab, base_url, lang):
    """Issue 29: on a phone "Bron:Ouders" lost its space and split into three ragged columns,
    and nothing showed that the line opens."""
    page, _ = open_page(open_tab, base_url, HOME[lang] + "signalen/", 360)
    lines = page.evaluate(SOURCE_LINES)
    assert lines
    for line in lines:
        assert re.match(r"^(Bron|Bronnen|Source|Sources): \S", line["text"]), line
        assert line["display"] not in ("flex", "inline-flex", "grid", "inline-grid"), line
        assert line["nextTop"] is None or abs(line["nextTop"] - line["labelTop"]) < 2, f"not one line of text: {line}"
        assert line["sign"] not in ("none", "normal", '""'), f"nothing shows it opens: {line}"
        assert line["height"] >= 24, line
    page.locator("details.bron > summary").first.click()
    turned = page.evaluate("() => getComputedStyle(document.querySelector('details.bron[open] > summary'), '::before').transform")
    assert turned not in ("none", ""), "the sign does not change when the line is open"


@pytest.mark.parametrize("lang,zoom", list(itertools.product(["nl", "en"], ZOOMS)))
def test_drawer_labels_are_not_cut(open_tab, base_url, lang, zoom):
    page, _ = open_page(open_tab, base_url, MISSING[lang], 320, 640, zoom)
    page.locator("button.njk-toggle[data-for='__drawer']").click(timeout=3000)
    page.wait_for_timeout(400)  # the drawer slides in
    # Only the panel on screen: Material keeps nested panels (sections, this page's contents)
    # off to the right of the drawer until they are opened.
    links = page.evaluate("""() => { const edge = document.querySelector('.md-sidebar--primary')
        .getBoundingClientRect().right;
      return [...document.querySelectorAll('.md-sidebar--primary .md-nav__link')]
        .filter(e => e.getClientRects().length && e.getBoundingClientRect().left < edge)
        .map(e => { const r = e.getBoundingClientRect(); const t = e.querySelector('.md-ellipsis') || e;
          return {text: e.innerText.trim(), left: r.left, right: r.right,
                  cut: t.scrollWidth > t.clientWidth + 1}; }); }""")
    assert len(links) >= 10
    bad = [link for link in links if link["cut"] or link["left"] < -0.5 or link["right"] > 320.5]
    assert bad == []


def long_pages(all_pages):
    return [p for p in all_pages if not p.endswith("404.html")]


def test_long_pages_show_contents_in_their_first_screens(open_tab, base_url, all_pages):
    """Every page longer than three phone screens that has sections opens with its contents."""
    page, _ = open_tab({"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    checked, problems = 0, []
    for path in long_pages(all_pages):
        page.goto(base_url + path, wait_until="load")
        facts = page.evaluate("""() => {
            const toc = document.querySelector('.md-content .njk-toc');
            const h2 = document.querySelectorAll('.md-content h2').length;
            return {height: document.documentElement.scrollHeight, h2,
                    top: toc ? toc.getBoundingClientRect().top + scrollY : null,
                    visible: !!toc && toc.getClientRects().length > 0,
                    entries: toc ? toc.querySelectorAll('a').length : 0};
        }""")
        if facts["height"] <= 3 * 844 or facts["h2"] < 2:
            continue
        checked += 1
        if not facts["visible"] or facts["entries"] != facts["h2"]:
            problems.append(f"{path}: no contents with all {facts['h2']} sections ({facts})")
        elif facts["top"] > 2 * 844:
            problems.append(f"{path}: contents starts {facts['top']:.0f} px down, beyond the second screen")
    assert checked >= 10, checked
    assert problems == []


# The long parent pages (issue 20, point 5): each opens with its key advice, marked `{ .kern }`.
KEY_ADVICE_PAGES = ("wat-kun-je-doen", "drie-dimensies", "veiligheid", "signalen", "zorg-voor-jezelf",
                    "samenwerken", "hulp-vinden")
KEY_ADVICE_WORDS = 35  # one or two short sentences, behind a short label


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_long_pages_give_their_key_advice_in_the_first_screen(open_tab, base_url, lang):
    """On a 390×844 phone, without scrolling: below the title, the page's key advice, whole and short."""
    page, record = open_tab({"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    problems = []
    for name in KEY_ADVICE_PAGES:
        path = ("/en/" if lang == "en" else "/") + name + "/"
        page.goto(base_url + path, wait_until="load")
        facts = page.evaluate("""() => {
            const kern = [...document.querySelectorAll('.md-content .kern')].filter(e => e.checkVisibility());
            const box = kern[0] && kern[0].getBoundingClientRect();
            return {count: kern.length, top: box && box.top, bottom: box && box.bottom, scrolled: scrollY,
                    title: document.querySelector('.md-content h1').getBoundingClientRect().bottom,
                    words: kern[0] ? kern[0].innerText.trim().split(/\\s+/).length : 0};
        }""")
        if facts["count"] != 1:
            problems.append(f"{path}: {facts['count']} key-advice paragraphs, expected one")
        elif not (facts["title"] <= facts["top"] and facts["bottom"] <= 844 and facts["scrolled"] == 0):
            problems.append(f"{path}: key advice at {facts['top']:.0f}–{facts['bottom']:.0f} px, "
                            f"not wholly between the title ({facts['title']:.0f} px) and 844 px")
        elif facts["words"] > KEY_ADVICE_WORDS:
            problems.append(f"{path}: key advice has {facts['words']} words, more than {KEY_ADVICE_WORDS}")
    assert problems == []
    assert not record.page_errors


@pytest.mark.parametrize("lang,query", [
    ("nl", "vermist"), ("nl", "weggelopen"), ("nl", "niet thuisgekomen"), ("nl", "kwijt"),
    ("en", "missing"), ("en", "run away"),
])
def test_search_finds_the_missing_child_page(open_tab, base_url, lang, query):
    page, record = open_page(open_tab, base_url, HOME[lang], 390, 844)
    hrefs = top_three(page, query)
    assert any("kind-weg/" in h for h in hrefs), hrefs
    assert not record.page_errors


def top_three(page, query: str) -> list[str]:
    """Open search from the header, type as a reader would, and return the first three results."""
    page.locator("button.njk-toggle[data-for='__search']").click()
    page.keyboard.type(query)
    results = page.locator(".md-search-result__item a")
    results.first.wait_for(timeout=10000)
    return [results.nth(i).get_attribute("href") for i in range(min(results.count(), 3))]


@pytest.mark.parametrize("lang,query,section,parent", [
    ("nl", "is het mijn schuld", "/signalen/#is-het-mijn-schuld", "ouder 6"),
    ("en", "is it my fault", "/en/signalen/#is-it-my-fault", "parent 6"),
])
def test_search_for_guilt_lands_on_a_parents_own_words(open_tab, base_url, lang, query, section, parent):
    """Issue 20: "is het mijn schuld?" finds a parent's own words about it, not only the researchers'."""
    page, record = open_page(open_tab, base_url, HOME[lang], 390, 844)
    hrefs = top_three(page, query)
    assert any(h.endswith(section) for h in hrefs), hrefs
    # That section holds a verified quote of a parent (its attribution names the parent).
    page.goto(base_url + section, wait_until="load")
    attributions = page.evaluate("""id => { const heading = document.getElementById(id); const found = [];
        for (let e = heading.nextElementSibling; e && !/^H[1-3]$/.test(e.tagName); e = e.nextElementSibling)
          e.querySelectorAll('figure.quote figcaption').forEach(c => found.push(c.innerText));
        return found; }""", section.split("#")[1])
    assert any(a.startswith(parent) for a in attributions), attributions
    assert not record.page_errors


def test_folders_table_fits_320_without_broken_words(open_tab, base_url):
    for path in ("/folders/", "/en/folders/"):
        page, _ = open_page(open_tab, base_url, path, 320, 640)
        facts = page.evaluate("""() => {
            const broken = [];
            for (const cell of document.querySelectorAll('.md-content td, .md-content th')) {
              const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
              for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                for (const m of node.data.matchAll(/\\S+/g)) {
                  const range = document.createRange();
                  range.setStart(node, m.index); range.setEnd(node, m.index + m[0].length);
                  const lines = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
                  if (lines.size > 1) broken.push(m[0]);
                }
              }
            }
            return {broken, overflow: document.documentElement.scrollWidth - innerWidth,
                    tables: document.querySelectorAll('.md-content table').length};
        }""")
        assert facts["tables"] >= 1, path
        assert facts["broken"] == [] and facts["overflow"] <= 0, (path, facts)
