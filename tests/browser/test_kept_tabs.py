"""The kept tabs of conftest.py (`open_tab`): a test that gets one must not meet what an earlier
test left behind."""
from __future__ import annotations

from scripts.tools.screenshots import zoom_text

FONT_SIZE = "getComputedStyle(document.documentElement).fontSize"


def test_a_released_tab_keeps_no_storage_text_size_or_page(open_tab, release_tab, base_url):
    page, record = open_tab({"width": 360, "height": 640})
    page.goto(base_url + "/signalen/")
    default = page.evaluate(FONT_SIZE)
    page.evaluate("localStorage.setItem('left', 'behind'); sessionStorage.setItem('left', 'behind')")
    zoom_text(page, 2)
    assert page.evaluate(FONT_SIZE) != default
    release_tab(page)
    assert page.url == "about:blank"
    page.goto(base_url + "/signalen/")
    assert page.evaluate("localStorage.length + sessionStorage.length") == 0
    assert page.evaluate(FONT_SIZE) == default


def test_the_same_tab_comes_back_with_the_viewport_and_media_asked_for(open_tab, base_url):
    page, record = open_tab({"width": 320, "height": 600}, color_scheme="dark", reduced_motion="reduce")
    page.goto(base_url + "/")
    assert page.evaluate("[innerWidth, matchMedia('(prefers-color-scheme: dark)').matches,"
                         " matchMedia('(prefers-reduced-motion: reduce)').matches]") == [320, True, True]
    assert record.requests, "the record sees this test's requests"
    again, same_record = open_tab({"width": 700, "height": 600})
    assert again is page and same_record is record and record.requests, "asked twice in a test: record kept"
    assert page.evaluate("[innerWidth, matchMedia('(prefers-color-scheme: dark)').matches]") == [700, False]
