"""Report links: validated by type with their lines, rendered as text with an honest status."""
from __future__ import annotations

import pytest

from scripts.content import report_links as R
from scripts.content.errors import ContentErrors


def test_report_links_render_old_addresses_as_text_with_status():
    links = R.load_report_links()
    assert len(links) == 7
    for lang in ("nl", "en"):
        html = R.render_report_links(links, lang)
        for link in links:
            assert f"`{link.url}`" in html and f"]({link.url})" not in html
        assert "](https://www.hetckm.nl/databank/ckm-mensenhandelpeiling/22)" in html
    nl = R.render_report_links(links, "nl")
    assert "29 december 2015" in nl and "Ivison Trust" in nl and "Niet meer actief." in nl


def test_report_links_bad_status_is_reported_with_line(tmp_path):
    bad = tmp_path / "r.yml"
    bad.write_text("links:\n  - url: https://x.nl\n    about: {nl: x, en: x}\n    status: werkt\n", encoding="utf-8")
    with pytest.raises(ContentErrors) as caught:
        R.load_report_links(bad)
    assert "r.yml:4: status 'werkt' is onbekend" in str(caught.value)



@pytest.mark.parametrize("entry, line, reason", [
    ("  - url: https://x.nl\n    footnotes: 12\n    about: {nl: x, en: x}\n    status: dead\n", 3, "footnotes: een lijst met nummers"),
    ("  - https://x.nl\n", 2, "een link is een blok"),
    ("  - url: https://x.nl\n    about: {nl: x}\n    status: dead\n", 3, "about: geef een tekst in het Nederlands en het Engels"),
    ("  - url: https://x.nl\n    about: {nl: x, en: y}\n    status: archived\n    archived: gisteren\n", 5, "archived: een datum"),
    ("  - url: https://x.nl\n    about: {nl: x, en: y}\n    status: moved\n    now: http://y.nl\n", 5, "now: 'http://y.nl' is geen https-adres"),
])
def test_a_wrong_type_is_named_with_its_line(tmp_path, entry, line, reason):
    bad = tmp_path / "r.yml"
    bad.write_text("links:\n" + entry, encoding="utf-8")
    with pytest.raises(ContentErrors) as caught:
        R.load_report_links(bad)
    assert f"r.yml:{line}: {reason}" in str(caught.value)


def test_a_file_without_links_key_is_an_error_not_a_crash(tmp_path):
    bad = tmp_path / "r.yml"
    bad.write_text("- url: https://x.nl\n", encoding="utf-8")
    with pytest.raises(ContentErrors) as caught:
        R.load_report_links(bad)
    assert "r.yml:1: het bestand begint met 'links:'" in str(caught.value)
