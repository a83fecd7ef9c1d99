"""The sweep cache's list of what a page loaded is complete: every file the browser asked for,
also when it came from the browser's cache in a kept tab (scripts/tools/sweep_cache.py)."""
from __future__ import annotations

from scripts.tools.sweep_cache import LOADED, site_file


def test_what_a_page_loaded_lists_every_request_also_from_the_cache(open_context, open_tab, base_url, site_root):
    # A new tab records every request it sends: the truth to compare with.
    context, record = open_context(intercept=False, viewport={"width": 360, "height": 800})
    fresh = context.new_page()
    fresh.goto(base_url + "/drie-dimensies/", wait_until="load")
    fresh.wait_for_timeout(300)
    sent = {url.split("#")[0] for url in record.requests}
    # A kept tab that loaded another page first takes the stylesheet and scripts from its cache.
    page, _ = open_tab({"width": 360, "height": 800})
    page.goto(base_url + "/signalen/", wait_until="load")
    page.goto(base_url + "/drie-dimensies/", wait_until="load")
    page.wait_for_timeout(300)
    listed = set(page.evaluate(LOADED))
    assert any(url.endswith(".css") for url in sent) and any(url.endswith(".js") for url in sent), sent
    assert sent <= listed, f"loaded but not listed: {sent - listed}"
    files = {site_file(site_root, url, base_url) for url in listed}
    assert None not in files and site_root / "drie-dimensies" / "index.html" in files
