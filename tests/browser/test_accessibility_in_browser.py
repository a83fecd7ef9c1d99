"""Accessibility in a real browser (issue 8): axe-core on every page of both languages, at a
phone and a desktop width, light and dark; and what axe cannot check — keyboard use, heading
order, reflow at 320 px and 200 % zoom, reduced motion, text alternatives for the diagrams."""
from __future__ import annotations

import json

import pytest
from axe_playwright_python.sync_playwright import Axe

from scripts.tools import keyboard_walk

PHONE = {"width": 360, "height": 800}
DESKTOP = {"width": 1280, "height": 900}
AXE = Axe()
# CSP is tested by test_safety.py; here Playwright's own helpers (wait_for_function) must run.
# Kept tabs (conftest.py): these tests only read pages and press keys.
SWEEP = {"bypass_csp": True}
# axe-core's default run leaves some rules out; `target-size` (WCAG 2.2, 2.5.8) is one of them
# (issue 29). So: its defaults, plus every rule tagged with one of these, violations only.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def axe_options(page) -> dict:
    """axe's options: its defaults, and every rule of WCAG 2.0, 2.1 and 2.2 (A and AA) switched on,
    as axe itself lists them for WCAG_TAGS."""
    page.evaluate(AXE.axe_script)
    rules = page.evaluate("tags => axe.getRules(tags).map(rule => rule.ruleId)", WCAG_TAGS)
    return {"resultTypes": ["violations"], "rules": {rule: {"enabled": True} for rule in sorted(rules)}}


def content_pages(all_pages):
    return [p for p in all_pages if not p.endswith("404.html")]


def pages_in(all_pages, lang: str) -> list[str]:
    """One language's pages: the long sweeps run per language, so parallel workers share them out."""
    return [p for p in all_pages if p.startswith("/en/") == (lang == "en")]


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_axe_finds_no_violation_on_any_page(open_tab, sweep_cache, base_url, all_pages, lang, viewport, scheme):
    # A real load per scheme: switching the palette in place left some colours behind (measured),
    # so the dark runs would have checked a page no reader sees.
    page, _ = open_tab(viewport, color_scheme=scheme, **SWEEP)
    page.goto(base_url + "/")
    options = axe_options(page)
    # Pages that passed on an earlier run and load the same bytes are not checked again.
    cache = sweep_cache(AXE.axe_script, json.dumps(options))

    def look(page, path):
        results = AXE.run(page, options=options)
        return [f"{path}:\n{results.generate_report()}"] if results.violations_count else []

    reports = cache.sweep(page, base_url, pages_in(all_pages, lang), look)
    assert not reports, "\n".join(reports)


def test_the_axe_run_includes_wcag_22_target_size(open_tab, base_url):
    """The rules axe leaves out by default are in: a 10 px link with a neighbour fails target size."""
    page, _ = open_tab(DESKTOP, **SWEEP)
    page.goto(base_url + "/")
    options = axe_options(page)
    assert options["rules"].get("target-size") == {"enabled": True}
    page.set_content('<main><h1>x</h1><p><a href="#a" style="font-size:8px">a</a><a href="#b" style="font-size:8px">b</a></p></main>')
    results = AXE.run(page, options=options)
    assert "target-size" in [violation["id"] for violation in results.response["violations"]]
    assert "target-size" not in [v["id"] for v in AXE.run(page, options={"resultTypes": ["violations"]}).response["violations"]]


def test_dark_mode_is_really_applied(open_tab, base_url):
    page, _ = open_tab(DESKTOP, color_scheme="dark", **SWEEP)
    page.goto(base_url + "/signalen/")
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_page_works_by_keyboard_with_visible_focus_and_no_trap(sweep_cache, base_url, all_pages, lang,
                                                                   viewport):
    cache = sweep_cache()
    problems = []
    for walk in keyboard_walk.walk_pages(base_url, cache.to_check(content_pages(pages_in(all_pages, lang))), viewport):
        found = []
        if not walk.escaped:
            found.append(f"{walk.path}: keyboard trap")
        if walk.hidden_focus:
            found.append(f"{walk.path}: focus not visible on {walk.hidden_focus[:3]}")
        if len(walk.stops) < 5:
            found.append(f"{walk.path}: only {len(walk.stops)} tab stops: did the keys reach the page?")
        if found:
            problems += found
        else:
            cache.remember(walk.path, walk.loaded, base_url)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("path", ["/signalen/", "/en/signalen/"])
def test_skip_link_moves_focus_to_the_content(open_tab, base_url, path):
    page, _ = open_tab(PHONE, **SWEEP)
    page.goto(base_url + path)
    for _ in range(5):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('md-skip')"):
            break
    else:
        pytest.fail("no skip link among the first five tab stops")
    assert page.evaluate("getComputedStyle(document.activeElement).transform") in ("none", "matrix(1, 0, 0, 1, 0, 0)") \
        or page.evaluate("document.activeElement.getBoundingClientRect().height") > 0
    page.keyboard.press("Enter")
    target = page.evaluate("location.hash")
    assert target, "the skip link did not go anywhere"
    page.keyboard.press("Tab")
    inside = page.evaluate("!!document.activeElement.closest('.md-content')")
    assert inside, "after the skip link, the next tab stop is not in the content"


@pytest.mark.parametrize("path", ["/", "/en/"])
def test_mobile_menu_opens_and_closes_by_keyboard(open_tab, base_url, path):
    page, _ = open_tab(PHONE, **SWEEP)
    page.goto(base_url + path)
    drawer_open = "document.getElementById('__drawer').checked"
    toggle = page.locator("button.njk-toggle[data-for='__drawer']")
    toggle.focus()
    page.keyboard.press("Enter")
    page.wait_for_function(drawer_open)
    assert toggle.get_attribute("aria-expanded") == "true"
    # the menu is usable: a tab lands on a visible navigation link
    page.keyboard.press("Tab")
    assert page.evaluate("!!document.activeElement.closest('.md-nav')")
    page.keyboard.press("Escape")
    page.wait_for_function(f"!{drawer_open}")
    assert page.evaluate("document.activeElement.getAttribute('data-for')") == "__drawer"


@pytest.mark.parametrize("path", ["/", "/en/"])
def test_search_opens_and_closes_by_keyboard(open_tab, base_url, path):
    page, _ = open_tab(PHONE, **SWEEP)
    page.goto(base_url + path)
    search_open = "document.getElementById('__search').checked"
    toggle = page.locator("button.njk-toggle[data-for='__search']")
    toggle.focus()
    page.keyboard.press("Enter")
    page.wait_for_function(search_open)
    page.wait_for_function("document.activeElement.matches('input[name=query]')")
    page.keyboard.type("moe")
    page.keyboard.press("Escape")
    page.wait_for_function(f"!{search_open}")


HEADINGS = """() => [...document.querySelectorAll('article h1, article h2, article h3, article h4, article h5, article h6')]
  .map(h => Number(h.tagName[1]))"""


def test_headings_are_in_order_on_every_page(open_tab, sweep_cache, base_url, all_pages):
    page, _ = open_tab(DESKTOP, **SWEEP)

    def look(page, path):
        levels = page.evaluate(HEADINGS)
        found = [] if levels.count(1) == 1 and levels[0] == 1 else [f"{path}: expected one h1 first, got {levels[:5]}"]
        return found + [f"{path}: h{before} followed by h{after}" for before, after in zip(levels, levels[1:])
                        if after > before + 1][:1]

    problems = sweep_cache().sweep(page, base_url, all_pages, look)
    assert not problems, "\n".join(problems)


OVERFLOW = "document.documentElement.scrollWidth - document.documentElement.clientWidth"


@pytest.mark.parametrize("viewport", [{"width": 320, "height": 640}, {"width": 640, "height": 450}],
                         ids=["320px", "200%-zoom-of-1280x900"])
def test_no_horizontal_scrolling_at_320px_or_200_percent_zoom(open_tab, sweep_cache, base_url, all_pages, viewport):
    page, _ = open_tab(viewport, **SWEEP)

    def look(page, path):
        overflow = page.evaluate(OVERFLOW)
        return [f"{path}: {overflow}px too wide"] if overflow > 0 else []

    wide = sweep_cache().sweep(page, base_url, all_pages, look)
    assert not wide, "\n".join(wide)


MOVING = """() => [...document.querySelectorAll('*')].filter(el => {
  const s = getComputedStyle(el);
  const long = v => v.split(',').some(t => parseFloat(t) * (t.trim().endsWith('ms') ? 1 : 1000) > 10);
  return (s.animationName !== 'none' && long(s.animationDuration)) || long(s.transitionDuration);
}).map(el => el.tagName + '.' + el.className).slice(0, 5)"""


def test_reduced_motion_is_respected(open_tab, base_url):
    page, _ = open_tab(DESKTOP, reduced_motion="reduce", **SWEEP)
    for path in ("/", "/drie-dimensies/", "/en/"):
        page.goto(base_url + path)
        assert page.evaluate("matchMedia('(prefers-reduced-motion: reduce)').matches")
        assert page.evaluate(MOVING) == [], path


DIAGRAMS = """() => [...document.querySelectorAll('article svg')].filter(svg => !svg.closest('[aria-hidden=true]')
  && svg.getAttribute('aria-hidden') !== 'true').map(svg => ({
    role: svg.getAttribute('role'),
    name: (svg.getAttribute('aria-label') || (svg.getAttribute('aria-labelledby') || '').split(' ')
      .map(id => (document.getElementById(id) || {}).textContent || '').join(' ')
      || (svg.querySelector('title') || {}).textContent || '').trim(),
    description: (svg.getAttribute('aria-describedby') || '').split(' ')
      .map(id => (document.getElementById(id) || {}).textContent || '').join(' ').trim(),
    caption: ((svg.closest('figure') || {}).querySelector ? (svg.closest('figure').querySelector('figcaption') || {}).textContent || '' : '').trim()
  }))"""


@pytest.mark.parametrize("path", ["/drie-dimensies/", "/en/drie-dimensies/"])
def test_diagrams_have_text_alternatives(open_tab, base_url, path):
    page, _ = open_tab(DESKTOP, **SWEEP)
    page.goto(base_url + path)
    diagrams = [d for d in page.evaluate(DIAGRAMS) if d["role"] == "img" or d["caption"]]
    assert len(diagrams) >= 2, "both circles should be on the page"
    for diagram in diagrams:
        assert diagram["role"] == "img"
        # a short name (the title), the long description once (issue 22: it was read twice)
        assert len(diagram["name"]) > 5 and len(diagram["description"]) > 40, diagram
        assert diagram["caption"], diagram
