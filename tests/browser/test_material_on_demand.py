"""Issue 31: Material's bundle (35 KB gzipped, about half of a first visit) loads at the reader's
first interaction, not with the page (docs/assets/material-on-demand.js). Reading, the quick
exit and the header buttons need none of it; everything it brings works from the first tap,
key, scroll or focus on."""
from __future__ import annotations

import pytest

PHONE = {"width": 360, "height": 640}
DESKTOP = {"width": 1280, "height": 900}


def bundle_requests(record) -> list[str]:
    return [url for url in record.requests if "/assets/javascripts/bundle." in url]


def material_started(page) -> bool:
    return page.evaluate("typeof window.document$ !== 'undefined'")


def wait_until_started(page, timeout_ms: int = 15_000) -> None:
    """Until Material's bundle has run. Polled from here: wait_for_function evaluates a string,
    which the page's CSP refuses (and reports as an error)."""
    for _ in range(timeout_ms // 50):
        if material_started(page):
            return
        page.wait_for_timeout(50)
    raise AssertionError("Material's bundle did not start")


def test_a_first_visit_without_interaction_fetches_no_material_bundle(open_context, base_url):
    context, record = open_context(intercept=False, viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(base_url + "/signalen/", wait_until="networkidle")
    assert bundle_requests(record) == [] and not material_started(page)
    # The page is whole without it: the text, our buttons (the "js" state), the quick exit.
    assert page.evaluate("document.documentElement.classList.contains('js')")
    assert page.locator("button.njk-toggle[data-for='__search']").is_visible()
    assert page.locator(".quick-exit__button").is_visible() and page.locator(".md-content h1").is_visible()
    assert not record.page_errors and not record.console_errors


@pytest.mark.parametrize("how", ["tap on search", "scroll", "tab", "type in the search box"])
def test_the_first_interaction_loads_material_and_search_answers(open_context, base_url, how):
    phone = how in ("tap on search", "scroll")
    context, record = open_context(intercept=False, viewport=PHONE if phone else DESKTOP, is_mobile=phone, has_touch=phone)
    page = context.new_page()
    page.goto(base_url + "/", wait_until="networkidle")
    assert bundle_requests(record) == []
    if how == "tap on search":
        page.locator("button.njk-toggle[data-for='__search']").tap()
    elif how == "scroll":
        page.mouse.wheel(0, 400)
    elif how == "tab":
        page.keyboard.press("Tab")
    else:
        page.locator(".md-search__input").click()
    wait_until_started(page)
    assert len(bundle_requests(record)) == 1
    # Search works after whatever started it (the box is opened here if it is not yet).
    if not page.locator(".md-search__input").is_visible():
        page.locator("button.njk-toggle[data-for='__search']").click() if phone else page.locator(".md-search__input").click()
    page.locator(".md-search__input").fill("loverboy")
    page.locator(".md-search-result__item").first.wait_for(timeout=15_000)
    assert not record.page_errors and not record.console_errors
