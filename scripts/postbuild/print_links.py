"""Printed pages show where a link goes: each content link gets its public address for print.css.

On paper a link is only useful with its address after the text, and a relative address
(`../begrippen/`) means nothing there. So every link in a page's content gets
`data-print-href` with the absolute public URL (site_url + page path); print.css prints it.
"""
from __future__ import annotations

import re
from html import escape, unescape
from urllib.parse import urljoin

LINK = re.compile(r"<a\b[^>]*>")
HREF = re.compile(r'\bhref="([^"]*)"')
# Same-page anchors, phone numbers (their text is the number) and scripts need no address.
SKIP = ("#", "tel:", "mailto:", "javascript:")


def print_href(href: str, page_url: str) -> str | None:
    """The address to print for a link on the page at `page_url` (absolute), or None."""
    if not href or href.startswith(SKIP):
        return None
    absolute = urljoin(page_url, href)
    return absolute if absolute.startswith(("https://", "http://")) else None


def annotate(html: str, page_url: str) -> str:
    """Add `data-print-href` to every `<a href>` that leads somewhere else."""

    def add(match: re.Match) -> str:
        tag = match.group(0)
        href = HREF.search(tag)
        if not href or "data-print-href" in tag:
            return tag
        target = print_href(unescape(href.group(1)), page_url)
        if target is None:
            return tag
        return f'{tag[:-1]} data-print-href="{escape(target)}">'

    return LINK.sub(add, html)
