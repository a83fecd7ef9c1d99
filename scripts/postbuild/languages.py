"""Fixes for what a stock Material + static-i18n build gets wrong about languages.

Pure functions over built HTML and the search index; scripts/hooks/site.py applies them.
Each one answers a defect measured on the stock build (see issue 2).
"""
from __future__ import annotations

import json
import posixpath
import re
from urllib.parse import urljoin

ALTERNATE = re.compile(r'<link rel="alternate" href="([^"]*)" hreflang="([^"]*)">')
CONFIG = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.S)
HTML_LANG = re.compile(r'<html lang="[^"]*"')


def page_address(site_url: str, page_url: str) -> str:
    """The public, absolute URL of a page (`page_url` as MkDocs gives it, e.g. `en/signalen/`)."""
    return urljoin(site_url if site_url.endswith("/") else site_url + "/", page_url)


def absolute_alternates(html: str, page_url: str, site_url: str, default_lang: str) -> str:
    """hreflang alternates as absolute URLs (search engines ignore relative ones), plus x-default."""
    here = page_address(site_url, page_url)
    default_href = None

    def absolute(match: re.Match) -> str:
        nonlocal default_href
        href = urljoin(here, match.group(1))
        if match.group(2) == default_lang:
            default_href = href
        return f'<link rel="alternate" href="{href}" hreflang="{match.group(2)}">'

    html = ALTERNATE.sub(absolute, html)
    if default_href and 'hreflang="x-default"' not in html:
        last = list(ALTERNATE.finditer(html))[-1]
        html = html[: last.end()] + f'<link rel="alternate" href="{default_href}" hreflang="x-default">' + html[last.end():]
    return html


def language_root(page_url: str, lang: str, default_lang: str) -> str:
    """Relative path from a page to the root of its language (`..` for `en/signalen/` → `en/`)."""
    root = "" if lang == default_lang else f"{lang}/"
    page_dir = page_url if page_url.endswith("/") or not page_url else posixpath.dirname(page_url) + "/"
    return posixpath.relpath(root or ".", page_dir or ".")


def set_config_base(html: str, base: str) -> str:
    """Point Material's JS (search index, sitemap) at the language root instead of the site root."""
    def replace(match: re.Match) -> str:
        data = json.loads(match.group(2))
        data["base"] = base
        return match.group(1) + json.dumps(data, ensure_ascii=False) + match.group(3)

    return CONFIG.sub(replace, html, count=1)


def set_html_lang(html: str, lang: str) -> str:
    return HTML_LANG.sub(f'<html lang="{lang}"', html, count=1)


def mark_untranslated(html: str, text_lang: str, banner_lang: str, banner: str) -> str:
    """A page shown in the default language on another language's site: its `lang` is the
    language of its text, and a banner (in the reader's language) says it is not translated yet."""
    html = set_html_lang(html, text_lang)
    note = f'<p class="untranslated" lang="{banner_lang}" role="note">{banner}</p>'
    return re.sub(r'(<article class="md-content__inner md-typeset"[^>]*>)', r"\1" + note.replace("\\", r"\\"), html, count=1)


def name_search_dialog(html: str, label: str) -> str:
    """Material's search dialog has role=dialog but no accessible name (an axe violation)."""
    return html.replace(
        '<div class="md-search" data-md-component="search" role="dialog">',
        f'<div class="md-search" data-md-component="search" role="dialog" aria-label="{label}">',
        1,
    )


def without_alternates(html: str) -> str:
    """A 404 page has no translation: drop the alternates static-i18n leaked from the last page."""
    return ALTERNATE.sub("", html)


def split_search_index(index: dict, languages: list[str], default_lang: str) -> dict[str, dict]:
    """One search index per language, each holding only that language's pages.

    static-i18n merges every language into the root index, so a Dutch reader got English hits.
    Locations become relative to the language root, matching the per-language `base`.
    """
    prefixes = {lang: f"{lang}/" for lang in languages if lang != default_lang}
    out: dict[str, dict] = {}
    for lang in languages:
        docs = []
        for doc in index["docs"]:
            owner = next((code for code, prefix in prefixes.items() if doc["location"].startswith(prefix)), default_lang)
            if owner != lang:
                continue
            location = doc["location"][len(prefixes[lang]):] if lang in prefixes else doc["location"]
            docs.append({**doc, "location": location})
        config = {**index["config"], "lang": [lang]}
        out[lang] = {**index, "config": config, "docs": docs}
    return out
