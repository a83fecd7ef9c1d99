"""What a screen reader and a keyboard meet (issue 22), read from Chromium's accessibility tree
(CDP Accessibility.getFullAXTree) at a phone and a desktop width, in both languages. axe checks
rules on the page as it loads; these read it in order, press keys and open the search.
scripts/tools/screen_reader.py defines the reading order ("items") and prints the same figures."""
from __future__ import annotations

import re

import pytest

from scripts.tools.browser import wait_for_search, watch_search
from scripts.tools.screen_reader import DESKTOP, PHONE, ax_node, ax_nodes, items_before_h1, landmarks, reading_order, tab_stops

WIDTHS = pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
PAGES = ["/", "/signalen/", "/hulp-vinden/", "/en/", "/en/signalen/", "/en/hulp-vinden/"]
TAB_PAGES = ["/", "/hulp-vinden/", "/en/signalen/"]
# The header a listener hears before the title: quick exit, skip link, safety page, menu,
# language (button and two links), search. Nothing of the closed menu or search.
PHONE_BOUND = 8
DIGITS_ONLY = re.compile(r"^[\d\s()+-]+$")
# The menu and the table of contents, which on a desktop are visible columns before the text.
SIDE_NAVIGATION = ("navigation Navigatie", "navigation Navigation", "navigation Inhoudsopgave",
                   "navigation Table of contents")


@pytest.fixture
def reader(open_tab):
    """Factory: a page at this viewport (reduced motion: focus is measured where it ends up)."""
    return lambda viewport: open_tab(viewport, reduced_motion="reduce", bypass_csp=True)[0]


def read(page, base_url, path):
    page.goto(base_url + path, wait_until="load")
    nodes = ax_nodes(page)
    return nodes, reading_order(nodes)


def read_now(page):
    nodes = ax_nodes(page)
    return nodes, reading_order(nodes)


@WIDTHS
def test_the_title_comes_soon_and_every_control_is_named(reader, base_url, viewport):
    page = reader(viewport)
    problems = []
    for path in PAGES:
        _, items = read(page, base_url, path)
        before = items_before_h1(items)
        if before is None:
            problems.append(f"{path}: no H1 in the reading order")
            continue
        header = [i for i in items[:before] if not any(w in SIDE_NAVIGATION for w in i.within)]
        if viewport == PHONE and before > PHONE_BOUND:
            problems.append(f"{path}: {before} items before the H1 on a phone: {[i.name for i in items[:before]]}")
        if len(header) > PHONE_BOUND:
            problems.append(f"{path}: {len(header)} items outside the menu before the H1: {[i.name for i in header]}")
        for item in items:
            if item.role in ("link", "button", "textbox", "radio", "checkbox") and not item.name:
                problems.append(f"{path}: unnamed {item.role} in {item.within}")
            if item.role == "link" and DIGITS_ONLY.match(item.name):
                problems.append(f"{path}: link named by digits only: {item.name!r}")
    assert not problems, "\n".join(problems)


def test_phone_links_say_whom_you_call(reader, base_url):
    page = reader(PHONE)
    for path, call in (("/hulp-vinden/", "Bel "), ("/en/hulp-vinden/", "Call ")):
        _, items = read(page, base_url, path)
        names = [i.name for i in items if i.role == "link" and i.name.startswith(call)]
        assert len(names) >= 10, names
        assert any(re.match(rf"{call}Veilig Thuis( \(Safe at Home\))?, 0800-2000$", name) for name in names), names
        # the routekaart's arrows are not read ("pijl naar rechts")
        assert not any(i.role == "StaticText" and i.name.strip().startswith("→") for i in items)


@WIDTHS
def test_first_twenty_tab_stops_are_visible_and_named(reader, base_url, viewport):
    page = reader(viewport)
    problems = []
    for path in TAB_PAGES:
        page.goto(base_url + path, wait_until="load")
        stops = tab_stops(page, 20)
        assert len(stops) == 20, f"{path}: focus left the page after {len(stops)} stops"
        for n, stop in enumerate(stops, 1):
            if not stop["name"] or not stop["visible"]:
                problems.append(f"{path} stop {n}: {stop}")
            if stop["role"] == "radio":
                problems.append(f"{path} stop {n}: the colour-scheme radio is a tab stop")
    assert not problems, "\n".join(problems)


@WIDTHS
def test_landmarks_one_main_with_content_only_and_few_named_navigations(reader, base_url, viewport):
    page = reader(viewport)
    problems = []
    for path in PAGES:
        nodes, items = read(page, base_url, path)
        marks = landmarks(nodes)
        mains = [m for m in marks if m["role"] == "main"]
        if len(mains) != 1:
            problems.append(f"{path}: {len(mains)} main landmarks")
        inside_main = [i for i in items if any(w.startswith("main") for w in i.within)]
        if not inside_main or inside_main[0].role != "heading" or inside_main[0].level != 1:
            problems.append(f"{path}: main does not start with the H1: {inside_main[:2]}")
        if any(w.startswith("navigation") for i in inside_main for w in i.within):
            problems.append(f"{path}: a navigation inside main")
        navs = [m for m in marks if m["role"] == "navigation"]
        names = [m["name"] for m in navs]
        if len(navs) > 5:
            problems.append(f"{path}: {len(navs)} navigation landmarks: {names}")
        if len(set(names)) != len(names) or not all(names):
            problems.append(f"{path}: navigation landmarks unnamed or named twice: {names}")
        if any(not any(m["controls"]) for m in navs):
            problems.append(f"{path}: an empty navigation landmark: {navs}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("path", ["/", "/en/"])
def test_closed_menu_and_search_are_out_of_the_reading_order_on_a_phone(reader, base_url, path):
    page = reader(PHONE)
    nodes, items = read(page, base_url, path)
    assert not any(w.startswith(("navigation Navigatie", "navigation Navigation")) for i in items for w in i.within)
    assert not any(i.role in ("textbox", "searchbox") for i in items), "closed search field is read"
    page.locator("button.njk-toggle[data-for='__drawer']").click()
    page.wait_for_function("document.getElementById('__drawer').checked")
    _, items = read_now(page)
    assert any(w.startswith(("navigation Navigatie", "navigation Navigation")) for i in items for w in i.within)


@pytest.mark.parametrize("path", ["/signalen/", "/en/signalen/"])
def test_menu_sections_are_buttons_with_an_expanded_state(reader, base_url, path):
    page = reader(DESKTOP)
    _, items = read(page, base_url, path)
    section = "Voor professionals" if not path.startswith("/en/") else "For professionals"
    buttons = [i for i in items if i.role == "button" and i.name == section]
    assert len(buttons) == 1, [i for i in items if i.name == section]
    button = page.locator("button.njk-section", has_text=section)
    assert button.get_attribute("aria-expanded") == "false"
    button.focus()
    page.keyboard.press("Enter")
    page.wait_for_function(f"document.getElementById({button.get_attribute('data-for')!r}).checked")
    assert button.get_attribute("aria-expanded") == "true"
    page.wait_for_timeout(50)
    _, items = read_now(page)
    assert any(i.role == "link" and i.name == ("Trainingsmodule" if section.startswith("V") else "Training module")
               for i in items)


@pytest.mark.parametrize("path", ["/", "/en/"])
def test_quick_exit_status_is_in_the_tree_before_any_key(reader, base_url, path):
    page = reader(PHONE)
    page.goto(base_url + path, wait_until="load")
    status = ax_node(page, "document.querySelector('[data-quick-exit-status]')")
    assert status["role"] == "status" and not status["ignored"], status
    assert page.locator("[data-quick-exit-status]").evaluate("el => getComputedStyle(el).display") != "none"


@WIDTHS
@pytest.mark.parametrize("path,query", [("/", "moeder"), ("/en/", "mother")])
def test_search_results_are_named_reachable_and_counted_aloud(reader, base_url, viewport, path, query):
    page = reader(viewport)
    page.goto(base_url + path, wait_until="load")
    if viewport == PHONE:
        page.locator("button.njk-toggle[data-for='__search']").click()
    else:
        page.locator(".md-search__input").click()
    page.wait_for_function("document.activeElement.matches('input[name=query]')")
    meta = "document.querySelector('.md-search-result__meta')"
    before = ax_node(page, meta)
    assert before["role"] == "status" and not before["ignored"], f"the result count is not a live region: {before}"
    watch_search(page)
    page.keyboard.type(query)
    page.wait_for_selector(".md-search-result__link", timeout=10_000)
    wait_for_search(page)  # the answer to the whole word: earlier letters' results are redrawn
    after = ax_node(page, meta)
    assert after["role"] == "status" and re.search(r"\d", page.locator(".md-search-result__meta").inner_text())
    links = page.evaluate("document.querySelectorAll('.md-search-result__link').length")
    nodes = [ax_node(page, f"document.querySelectorAll('.md-search-result__link')[{n}]") for n in range(links)]
    shown = [node for node in nodes if not node["ignored"]]  # "more on this page" stays folded
    assert shown and all(node["name"] for node in shown), nodes
    for _ in range(4):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('md-search-result__link')"):
            break
    else:
        pytest.fail("Tab from the search field does not reach a result")
    assert page.evaluate("document.getElementById('__search').checked"), "Tab closed the search"


@pytest.mark.parametrize("path", ["/drie-dimensies/", "/en/drie-dimensies/"])
def test_each_diagram_description_is_read_once(reader, base_url, path):
    page = reader(DESKTOP)
    _, items = read(page, base_url, path)
    images = [i for i in items if i.role == "image" and i.within and i.within[-1].startswith("main")]
    assert len(images) == 2, images
    for image in images:
        assert image.name and len(image.description) > 40, image
        assert image.description not in image.name, image


SOURCE_LINES = """() => [...document.querySelectorAll('article .bron')].map(p => ({
  text: p.innerText.trim(), links: p.querySelectorAll('a').length}))"""


@pytest.mark.parametrize("path", ["/", "/signalen/", "/en/signalen/"])
def test_a_listener_knows_a_source_line_before_its_links(reader, base_url, path):
    """Point 3 (the source lines' look is issue 20's): every source line starts with its label,
    so a listener can tell what the run of § links is and move on. The share of the article's
    links in source lines is printed in the message, to compare before and after."""
    page = reader(PHONE)
    page.goto(base_url + path, wait_until="load")
    lines = page.evaluate(SOURCE_LINES)
    assert lines, "no source lines found"
    label = re.compile(r"^(Bron|Bronnen|Source|Sources)\b")
    all_links = page.evaluate("document.querySelectorAll('article a[href]').length")
    share = sum(line["links"] for line in lines) / all_links
    assert all(label.match(line["text"]) for line in lines), (lines, f"{share:.0%} of the article's links")


def test_words_in_the_other_language_are_marked(reader, base_url):
    page = reader(DESKTOP)
    page.goto(base_url + "/en/signalen/", wait_until="load")
    unmarked = page.evaluate("""() => {
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      const bad = [];
      while (walker.nextNode()) {
        const node = walker.currentNode;
        if (node.textContent.includes('Ouders aan het woord') && node.parentElement.closest('[lang]').lang !== 'nl')
          bad.push(node.parentElement.outerHTML.slice(0, 80));
      }
      return bad;
    }""")
    assert unmarked == []
    assert page.locator(".njk-lang__link[hreflang=nl]").get_attribute("lang") == "nl"
    assert page.locator(".md-copyright__highlight").inner_text().startswith("Based on")
    page.goto(base_url + "/signalen/", wait_until="load")
    assert page.locator(".njk-lang__link[hreflang=en]").get_attribute("lang") == "en"
