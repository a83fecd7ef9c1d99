"""The header only paper shows (docs/assets/print.css): site name, page title, public address,
date and the urgent numbers, so a printout says where it comes from and where help is."""
from __future__ import annotations

import os
from datetime import date, datetime, timezone

from markupsafe import Markup, escape

from scripts.content.routes import format_date

LABELS = {"nl": "Versie van", "en": "Version of"}


def build_day() -> date:
    """The day the site was built, or SOURCE_DATE_EPOCH for a reproducible build."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    return datetime.fromtimestamp(int(epoch), tz=timezone.utc).date() if epoch else date.today()


def print_header(site_name: str, title: str, url: str, day: date, lang: str, urgent_html: str) -> Markup:
    """HTML for overrides/partials/print-header.html; `urgent_html` is the routes feature's box."""
    return Markup(
        '<div class="print-header" aria-hidden="true">'
        f'<p class="print-header__site">{escape(site_name)}</p>'
        f'<p class="print-header__page">{escape(title)} · <span class="print-header__url">{escape(url)}</span>'
        f' · {LABELS[lang]} {escape(format_date(day, lang))}</p>'
        f'{Markup(urgent_html)}</div>'
    )
