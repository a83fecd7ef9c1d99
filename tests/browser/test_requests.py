"""Issue 2: no page causes a failed request (stock Material + static-i18n fetched a missing
sitemap.xml beside every alternate page). Every response and every network failure is recorded."""


def test_no_page_causes_a_failed_request(open_context, base_url, all_pages):
    context, record = open_context(viewport={"width": 360, "height": 800}, intercept=False)
    failed: list[str] = []
    context.on("response", lambda r: r.status >= 400 and failed.append(f"{r.status} {r.url}"))
    context.on("requestfailed", lambda r: failed.append(f"{r.failure} {r.url}"))
    page = context.new_page()
    for path in all_pages:
        page.goto(base_url + path, wait_until="networkidle")
        # the language switcher is where stock Material fetched sitemap.xml: open it
        page.evaluate("() => document.querySelector('.md-select')?.dispatchEvent(new Event('mouseenter'))")
    page.wait_for_timeout(300)
    assert failed == [] and record.blocked == []


def test_the_recorder_sees_a_failed_request(open_context, base_url):
    """The check above can fail: a request for a missing file is recorded."""
    context, _ = open_context()
    failed: list[str] = []
    context.on("response", lambda r: r.status >= 400 and failed.append(r.url))
    page = context.new_page()
    page.goto(base_url + "/")
    page.evaluate("() => fetch('sitemap-that-does-not-exist.xml').catch(() => null)")
    page.wait_for_timeout(300)
    assert any("sitemap-that-does-not-exist.xml" in url for url in failed)
