"""Issue 29: Enter in the search box, as a parent on a phone or a computer presses it, sends the
words nowhere: not to the server, not into the address bar, not into the history. It opens the
first result shown the way every other navigation does (replacing the history entry), and the
quick exit afterwards still takes the whole visit out of Back and Forward.

Every test visits a neutral site first, then the handbook, in a persistent profile on disk, served
by a server whose request log the test reads.
"""
from __future__ import annotations

import re
from urllib.parse import unquote_plus, urlparse

import pytest

from scripts.postbuild import csp
from scripts.tools import static_server
from scripts.tools.browser import watch_search, wait_for_search

from profiles import DESKTOP, PHONE, launch_profile, read_history_db, tab_history

HOME = {"nl": "/", "en": "/en/"}
# What a parent types, whole sentences: the words must never leave the search box.
QUERIES = {"nl": "mijn dochter wordt uitgebuit", "en": "someone is paying my son"}
DEVICES = {"phone": PHONE, "desktop": DESKTOP}


@pytest.fixture(scope="module")
def logged_site(site_root):
    """The site with its own security headers, and the server's request log."""
    headers_file = site_root / "_headers"
    headers = csp.parse_headers_file(headers_file.read_text("utf-8"))["/*"] if headers_file.exists() else {}
    server = static_server.start(site_root, headers=headers)
    yield server, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def carries(address: str, words: str) -> bool:
    """Does this address hold the typed words (any of them, however encoded)?"""
    text = unquote_plus(address).lower()
    return "query=" in text or any(re.search(rf"\b{re.escape(word)}\b", text) for word in words.split() if len(word) > 3)


def test_the_word_check_sees_words_however_they_are_encoded():
    assert carries("/signalen/?query=mijn+dochter+wordt+uitgebuit", QUERIES["nl"])
    assert carries("http://x/en/?q=someone%20is%20paying", QUERIES["en"])
    assert not carries("/signalen/?van=/hulp-vinden/#telefoon-en-online-contacten", QUERIES["nl"])


def open_search_and_type(page, words: str) -> str:
    """Open search from the header as a reader does, type the words, wait for the answer;
    returns the path of the first result shown."""
    toggle = page.locator("button.njk-toggle[data-for='__search']")
    if toggle.is_visible():  # a phone: the magnifier opens the search
        toggle.click()
    else:  # a wide screen: the box is in the header
        page.locator(".md-search__input").click()
    watch_search(page)
    page.keyboard.type(words)
    wait_for_search(page)
    first = page.locator(".md-search-result__list a[href]").first
    first.wait_for(timeout=10_000)
    return urlparse(first.get_attribute("href")).path


@pytest.mark.parametrize("device", DEVICES)
@pytest.mark.parametrize("lang", QUERIES)
def test_enter_opens_the_first_result_and_the_words_go_nowhere(
        browser, logged_site, neutral, exit_url, stub_exit_page, tmp_path, lang, device):
    server, base = logged_site
    words = QUERIES[lang]
    neutral_url = neutral[0] + "/"
    profile = tmp_path / "profile"
    context = launch_profile(browser.browser_type, profile, **DEVICES[device])
    context.route(exit_url, lambda route: route.fulfill(content_type="text/html", body=stub_exit_page))
    page = context.pages[0] if context.pages else context.new_page()
    addresses: list[str] = []
    page.on("framenavigated", lambda frame: frame == page.main_frame and addresses.append(frame.url))
    page.goto(neutral_url)
    page.goto(base + HOME[lang])
    entries = len(tab_history(context, page))
    logged_before = len(server.requests)

    # Enter (a phone keyboard's search key sends the same key): the first result, in place.
    first = open_search_and_type(page, words)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(rf"^{re.escape(base + first)}\?van=[^&]*(#.*)?$"))
    page.wait_for_load_state()
    assert page.locator(".md-content article").count() == 1, page.url
    assert len(tab_history(context, page)) == entries, "Enter added a history entry"

    # A keyboard whose search key submits the form without a key event: the submit is cancelled
    # before anything is sent (the CSP's form-action 'none' would refuse it too: tested without JS).
    open_search_and_type(page, words)
    cancelled = page.evaluate("""() => new Promise(resolve => {
        const form = document.forms.namedItem('search');
        form.addEventListener('submit', e => resolve(e.defaultPrevented), {once: true});
        form.requestSubmit();
    })""")
    assert cancelled, "the search form's submit was not cancelled"

    # The exit takes the visit: Back reaches the neutral site, Forward the exit page.
    page.locator(".quick-exit__button").click()
    page.wait_for_url(exit_url)
    page.go_back()
    assert page.url == neutral_url and page.locator(".md-content article").count() == 0
    page.go_forward()
    assert page.url == exit_url
    context.close()

    logged = server.requests[logged_before:]
    assert any(path.startswith(first) for path in logged), f"the request log missed the visit: {logged}"
    assert not [path for path in logged if carries(path, words)], logged
    assert not [address for address in addresses if carries(address, words)], addresses
    history = read_history_db(profile)
    assert any(url.startswith(base) for url, _, _ in history), "no handbook address in the history at all"
    assert not [url for url, _, _ in history if carries(url, words)], history


@pytest.mark.parametrize("lang", QUERIES)
def test_the_policy_refuses_the_form_even_when_no_script_can_cancel_it(browser, logged_site, tmp_path, lang):
    """`form.submit()` sends a form without a submit event, so no script can cancel it: the CSP's
    form-action 'none' (page meta policy and headers) must refuse it. Without JavaScript the
    search box is not shown at all (Material hides it), so there is nothing to type into."""
    server, base = logged_site
    context = launch_profile(browser.browser_type, tmp_path / "profile")
    page = context.pages[0] if context.pages else context.new_page()
    page.goto(base + HOME[lang])
    logged_before = len(server.requests)
    page.locator(".md-search__input").click()
    page.locator(".md-search__input").fill(QUERIES[lang])
    with page.expect_console_message(lambda message: "form-action" in message.text, timeout=10_000):
        page.evaluate("document.forms.namedItem('search').submit()")
    assert page.url == base + HOME[lang]
    context.close()
    assert not [path for path in server.requests[logged_before:] if carries(path, QUERIES[lang])]

    context = launch_profile(browser.browser_type, tmp_path / "no-js", java_script_enabled=False)
    page = context.pages[0] if context.pages else context.new_page()
    page.goto(base + HOME[lang])
    assert not page.locator(".md-search__input").is_visible()
    context.close()
