"""Issue 19 in Debian's Firefox ESR: a whole visit in a persistent profile, behind the real nginx.

Playwright cannot drive a stock Firefox, so Firefox runs as a person's browser would
(`firefox-esr --marionette --headless --profile DIR`) and the test steers it over Marionette
(scripts/tools/firefox.py). Nothing leaves 127.0.0.1: other hosts reach only a local proxy, which
answers the quick exit's address with the stub weather page and refuses the rest.
"""
from __future__ import annotations

import re
from urllib.parse import urlparse

import pytest
from marionette_driver.by import By
from marionette_driver.keys import Keys
from marionette_driver.wait import Wait

from scripts.tools import firefox
from scripts.tools.browser import addresses_in

pytestmark = pytest.mark.skipif(
    firefox.FIREFOX is None, reason="firefox-esr not installed (apt-get install firefox-esr)")

# Firefox's own services that call home despite the profile's prefs (remote settings, telemetry):
# the proxy refuses them; anything else refused would be the site reaching out.
FIREFOX_SERVICES = (".mozilla.com", ".mozilla.org", ".mozilla.net")
# The title the quick exit gives the page it blanks (overrides/partials/quick-exit.html).
BLANKED_TITLE = {"nl": "Laden…", "en": "Loading…"}
# What "Veilig deze site bezoeken" says Firefox keeps; the test below measures each part.
FIREFOX_CLAIMS = {
    "nl": ("ook in Firefox", "de echte titel", "*Signalen - Naast je kind*", "*Laden…*"),
    "en": ("in Firefox too", "its real title", "*Signs - Beside your child*", "*Loading…*"),
}


@pytest.fixture
def exit_proxy(exit_url, stub_exit_page, tmp_path):
    proxy = firefox.ExitProxy(exit_url, stub_exit_page, tmp_path)
    yield proxy
    proxy.shutdown()
    proxy.server_close()


def css(client, selector):
    return client.find_element(By.CSS_SELECTOR, selector)


def handbook_shown(client) -> bool:
    return bool(client.find_elements(By.CSS_SELECTOR, ".md-content article"))


def wait_for_url(client, pattern: str):
    """Until the tab shows an address matching `pattern` (whole) and has loaded it."""
    Wait(client, timeout=20).until(lambda c: re.fullmatch(pattern, c.get_url()), message=f"never reached {pattern}")
    Wait(client, timeout=20).until(lambda c: c.execute_script("return document.readyState") == "complete")


def keys(client, *values):
    sequence = client.actions.sequence("key", "keyboard")
    for value in values:
        sequence.key_down(value).key_up(value)
    sequence.perform()


def visited(tabs) -> list[list[str]]:
    """The addresses in each tab's Back/Forward list, without the new-tab page it started on."""
    return [[url for url, _ in entries if not url.startswith("about:")] for entries in tabs]


@pytest.mark.parametrize("how", ["shift", "click"])
def test_a_firefox_visit_leaves_no_handbook_page_in_back_a_reopened_tab_or_storage(
        nginx_url, neutral, exit_url, exit_proxy, safety_page_says, tmp_path, how):
    """A neutral site, then eight handbook pages by menu, footer, search, "Vorige pagina", the
    language switch and the `n` key; then the quick exit (Shift ×3, or a click). Back, Forward and
    the tab Firefox restores after a restart hold no handbook page; the disk cache holds only
    files named after their content; no Cache Storage, IndexedDB, service worker or cookie.
    What places.sqlite still holds is printed: the safety page must say it."""
    site = re.escape(nginx_url)
    neutral_url = neutral[0] + "/"
    profile = firefox.new_profile(tmp_path / "profile", exit_proxy.port)
    read = []
    with firefox.running(profile) as client:
        client.navigate(neutral_url)
        client.navigate(nginx_url + "/")
        entries = len(firefox.tab_history(client)[0])
        read.append(client.get_url())

        def go(action, path):
            action()
            wait_for_url(client, site + path)
            assert handbook_shown(client), client.get_url()
            assert len(firefox.tab_history(client)[0]) == entries, f"{client.get_url()} added a history entry"
            read.append(client.get_url())

        go(lambda: css(client, ".md-nav--primary a.md-nav__link[href$='signalen/']").click(), r"/signalen/\?van=/")
        go(lambda: css(client, "a.md-footer__link--next").click(), r"/wat-kun-je-doen/\?van=/signalen/")
        back = css(client, ".quick-exit-back")
        assert back.text.endswith("Vorige pagina") and back.get_attribute("href") == "/signalen/"

        def search():
            box = css(client, ".md-search__input")
            box.click()
            box.send_keys("loverboy")
            Wait(client, timeout=10).until(lambda c: c.execute_script(
                "return document.querySelectorAll('.md-search-result__item').length > 0"))
            css(client, ".md-search-result__link").click()
        go(search, r"/[^?]+\?van=/wat-kun-je-doen/(#.*)?")
        go(lambda: css(client, ".quick-exit-back").click(), r"/wat-kun-je-doen/")
        go(lambda: css(client, "a.njk-lang__link[hreflang='en']").click(), r"/en/wat-kun-je-doen/\?van=/wat-kun-je-doen/")
        assert css(client, ".quick-exit-back").text.endswith("Previous page")
        go(lambda: keys(client, "n"), r"/en/veiligheid/\?van=/en/wat-kun-je-doen/")
        go(lambda: css(client, ".md-nav--primary a.md-nav__link[href$='hulp-vinden/']").click(),
           r"/en/hulp-vinden/\?van=/en/veiligheid/")
        assert len(read) >= 8

        if how == "shift":
            keys(client, Keys.SHIFT, Keys.SHIFT, Keys.SHIFT)
        else:
            css(client, ".quick-exit__button").click()
        wait_for_url(client, re.escape(exit_url))
        assert visited(firefox.tab_history(client)) == [[neutral_url, exit_url]]
        client.go_back()
        assert client.get_url() == neutral_url and not handbook_shown(client)
        client.go_forward()
        assert client.get_url() == exit_url and client.title == "Weerbericht"

    # Firefox closed: what a person opening its folders or its history would find.
    places = firefox.query_copy(profile, "places.sqlite", "SELECT url, title, visit_count FROM moz_places ORDER BY id", tmp_path)
    cookies = firefox.query_copy(profile, "cookies.sqlite", "SELECT host, name FROM moz_cookies", tmp_path)
    named = {path.relative_to(profile).as_posix(): sorted(found) for path in sorted(profile.rglob("*"))
             if path.is_file() and (found := addresses_in(path, nginx_url))}
    port = urlparse(nginx_url).port
    # Site data lives in folders named after the origin (storage/default/http+++127.0.0.1+PORT).
    origin_folder = re.compile(rf"127\.0\.0\.1\W{{1,3}}{port}\b")
    site_storage = sorted(path.relative_to(profile).as_posix() for path in profile.rglob("*") if origin_folder.search(path.name))
    workers = (profile / "serviceworker.txt").read_text("utf-8") if (profile / "serviceworker.txt").exists() else ""

    # A reopened tab: Firefox started again on the same profile restores its last session.
    with firefox.running(profile) as client:
        restored = firefox.tab_history(client)

    history = [(url, title, visits) for url, title, visits in places if url.startswith(("http://127.0.0.1", "https://"))]
    print(f"\nQuick exit by {how}. Pages read:", *read, sep="\n  ")
    print("places.sqlite (url | title | visits):", *(f"{u} | {t} | {n}" for u, t, n in history), sep="\n  ")
    print("Files in the profile that name a handbook address:",
          *(f"{name}: {', '.join(urls) if name.startswith('cache2/') else f'{len(urls)} addresses'}" for name, urls in named.items()),
          sep="\n  ")
    print("Reopened tab(s):", restored)
    print("Refused by the proxy:", sorted(set(exit_proxy.refused)))

    # Back / Forward and the reopened tab: the neutral site and the exit page, nothing else.
    assert visited(restored) == [[neutral_url, exit_url]], restored
    # Nothing left the machine, and the site asked for nothing outside: only Firefox's own services were refused.
    assert exit_proxy.answered, "the exit page was never asked for"
    assert all(target.split()[1].split(":")[0].endswith(FIREFOX_SERVICES) for target in exit_proxy.refused), exit_proxy.refused
    # No Cache Storage, IndexedDB, service worker, local storage or cookie for the site.
    assert site_storage == [] and f"127.0.0.1:{port}" not in workers and cookies == [], (site_storage, cookies)
    # The HTTP disk cache: shared files only (Material's and ours), no page, search index or PDF.
    # The hashed bundle's presence proves the cache was written and the scan reads it.
    cached = {url[len(nginx_url):] for name, urls in named.items() if name.startswith("cache2/") for url in urls}
    assert any(path.startswith("/assets/javascripts/bundle.") for path in cached), cached
    assert not [path for path in cached if not path.startswith("/assets/")], f"cached: {sorted(cached)}"
    # What no website can erase: Firefox's history keeps every address read, each under its own
    # real title; only the page the quick exit blanked keeps the blank page's title.
    titles = {url: title for url, title, _ in history}
    assert set(read) <= set(titles), set(read) - set(titles)
    assert titles[read[-1]] == BLANKED_TITLE["en"], titles[read[-1]]
    assert titles[nginx_url + "/signalen/?van=/"] == "Signalen - Naast je kind"
    assert all(titles[url].endswith(("Naast je kind", "Beside your child")) for url in read[:-1]), titles
    safety_page_says(FIREFOX_CLAIMS)


HELP_PAGE = "<!doctype html><html lang='nl'><title>Hulpsite</title><h1>Een hulpsite</h1></html>"


@pytest.mark.parametrize("path", ["/hulp-vinden/", "/en/hulp-vinden/"])
def test_in_firefox_a_help_site_takes_the_visits_place(
        site_root, nginx_url, neutral, exit_url, stub_exit_page, tmp_path, path):
    """Issue 29 in Firefox: Hulp vinden, a help site's own website, Back. Back from the help site
    reaches the site before the handbook; after opening the handbook again and leaving with the
    quick exit, neither Back nor Forward shows a handbook page or the help site."""
    card = (site_root / path.strip("/") / "index.html").read_text("utf-8")
    card = card[card.index('class="route-card"'):]
    help_site = re.search(r'href="(https://[^"]+)"', card).group(1)
    proxy = firefox.ExitProxy(exit_url, stub_exit_page, tmp_path, others={urlparse(help_site).hostname: HELP_PAGE})
    neutral_url = neutral[0] + "/"
    try:
        with firefox.running(firefox.new_profile(tmp_path / "profile", proxy.port)) as client:
            client.navigate(neutral_url)
            client.navigate(nginx_url + path)
            css(client, f".route-card a[href='{help_site}']").click()
            wait_for_url(client, re.escape(help_site.rstrip("/")) + "/?")
            assert [[url.rstrip("/") for url in tab] for tab in visited(firefox.tab_history(client))] == [
                [neutral_url.rstrip("/"), help_site.rstrip("/")]]
            client.go_back()
            assert client.get_url() == neutral_url and not handbook_shown(client)
            client.go_forward()
            assert client.get_url().rstrip("/") == help_site.rstrip("/") and not handbook_shown(client)
            client.go_back()
            client.navigate(nginx_url + path)  # the handbook again: Forward is gone
            css(client, ".quick-exit__button").click()
            wait_for_url(client, re.escape(exit_url))
            assert visited(firefox.tab_history(client)) == [[neutral_url, exit_url]]
            client.go_back()
            assert client.get_url() == neutral_url and not handbook_shown(client)
            client.go_forward()
            assert client.get_url() == exit_url and client.title == "Weerbericht"
    finally:
        proxy.shutdown()
        proxy.server_close()


@pytest.mark.parametrize("path", ["/folders/", "/en/folders/"])
def test_in_firefox_a_leaflet_takes_the_visits_place(nginx_url, neutral, exit_proxy, tmp_path, path):
    """Issue 29 in Firefox (its own PDF viewer): a leaflet opened from Folders replaces the visit's
    one entry; Back reaches the site before the handbook, Forward shows the leaflet again."""
    neutral_url = neutral[0] + "/"
    with firefox.running(firefox.new_profile(tmp_path / "profile", exit_proxy.port)) as client:
        client.navigate(neutral_url)
        client.navigate(nginx_url + path)
        link = css(client, "a[type='application/pdf']")
        leaflet = nginx_url + urlparse(link.get_property("href")).path
        link.click()
        Wait(client, timeout=20).until(lambda c: c.get_url() == leaflet, message=f"never reached {leaflet}")
        assert visited(firefox.tab_history(client)) == [[neutral_url, leaflet]]
        client.go_back()
        assert client.get_url() == neutral_url and not handbook_shown(client)
        client.go_forward()
        Wait(client, timeout=20).until(lambda c: c.get_url() == leaflet, message="Forward did not show the leaflet")
