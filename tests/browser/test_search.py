"""Search after our bundle patches: nothing is fetched before it is used, and it still works,
per language (issue 2: a Dutch reader gets Dutch results, an English reader English ones)."""
import pytest

SEARCH_ASSETS = ("search_index.json", "/workers/search.", "/lunr/")


def test_first_visit_fetches_no_search_assets(open_context, base_url):
    context, record = open_context(viewport={"width": 360, "height": 800}, intercept=False)
    page = context.new_page()
    page.goto(base_url + "/signalen/", wait_until="networkidle")
    page.wait_for_timeout(300)
    assert not [u for u in record.requests if any(a in u for a in SEARCH_ASSETS)]


@pytest.mark.parametrize("path,query,expected,foreign", [
    ("/", "puzzelstukjes", "/signalen/", "/en/"),
    ("/en/", "puzzle", "/en/", None),
])
def test_search_finds_pages_of_its_own_language_only(open_context, base_url, path, query, expected, foreign):
    context, record = open_context(viewport={"width": 1280, "height": 900}, intercept=False)
    page = context.new_page()
    page.goto(base_url + path, wait_until="networkidle")
    page.locator("input[name=query]").click()
    page.keyboard.type(query)
    results = page.locator(".md-search-result__item a")
    results.first.wait_for(timeout=10000)
    hrefs = [results.nth(i).get_attribute("href") for i in range(results.count())]
    assert any(expected in h for h in hrefs), hrefs
    if foreign:
        assert not any(foreign in h for h in hrefs), hrefs
    else:
        assert all("/en/" in h for h in hrefs), hrefs
    assert any("search_index.json" in u for u in record.requests)
    assert not record.console_errors and not record.page_errors
