"""Every quote checked against the report at build time, and rendered with its source.

A misquote fails the build with all of the page's quote errors at once. A verified quote becomes
<figure class="quote"> with <blockquote> and <figcaption> ("ouder 3 — Ouders aan het woord,
§3.2"), linking to the page about the report in the page's own language.
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from mkdocs.plugins import event_priority  # noqa: E402
from mkdocs.utils import get_relative_url  # noqa: E402

from scripts.errors import ContentError  # noqa: E402
from scripts.mkdocs_glue import fail, page_language, page_path  # noqa: E402
from scripts.quotes import fill_placeholders, render_page  # noqa: E402

REPORT_PAGE = "over.md"  # the handbook's page about the report, in each language folder
_figures: dict[str, dict[str, str]] = {}  # page → token → quote HTML, from markdown to content


# After the content checks (they read the blockquotes as written), before the leftover-directive check.
@event_priority(-50)
def on_page_markdown(markdown, page, config, files):
    language = page_language(page)
    figures: dict[str, str] = {}
    rendered, errors = render_page(markdown, page_path(page), _report_href(page, files, language), language,
                                   placeholders=figures)
    fail(errors)
    _figures[page.file.abs_src_path] = figures
    return rendered


# Early, so later content hooks (print links, checks) see the quotes in place.
@event_priority(50)
def on_page_content(html, page, config, files):
    return fill_placeholders(html, _figures.pop(page.file.abs_src_path, {}))


def _report_href(page, files, language: str) -> str:
    """Relative URL from this page to the report page: the page's own language first.

    An untranslated page (static-i18n's fallback) is Dutch text in another language's build: it
    links to whichever report page that build has.
    """
    pages = [f for f in files.documentation_pages() if f.src_uri.split("/")[-1] == REPORT_PAGE
             and f.src_uri.count("/") <= 1]
    pages.sort(key=lambda f: (getattr(f, "locale", None) or f.src_uri.split("/")[0]) != language)
    if not pages:
        fail([ContentError(page_path(page), 1, f"pagina over het rapport ({language}/{REPORT_PAGE}) ontbreekt")])
    return get_relative_url(pages[0].url, page.url)
