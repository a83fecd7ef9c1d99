"""Paper: builds the PDF leaflets before the pages (the Folders page lists them), copies them into
site/folders/, expands {{ folders }}, and gives content links their public address for print."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from mkdocs.plugins import event_priority  # noqa: E402

from scripts import handbook, leaflets  # noqa: E402
from scripts.directives import expand  # noqa: E402
from scripts.errors import ContentError, ContentErrors  # noqa: E402
from scripts.mkdocs_glue import fail, is_final_build, page_language, page_path  # noqa: E402
from scripts.print_header import build_day, print_header  # noqa: E402
from scripts.print_links import annotate  # noqa: E402

# ---------------------------------------------------------------------------------------------
# Hooks
# ---------------------------------------------------------------------------------------------

_built: list = []


def on_pre_build(config):
    """Build (or reuse from cache) every leaflet; static-i18n calls this once per language."""
    global _built
    _built = _build(config)


def on_page_markdown(markdown, page, config, files):
    lang = page_language(page)
    try:
        return expand(markdown, {"folders": lambda d: leaflets.folders_table(_built, lang, page.url),
                                 "handboek": lambda d: handbook.link(lang, page.url)},
                      page_path(page))
    except ContentErrors as problem:
        fail(problem.errors)


def on_page_content(html, page, config, files):
    return annotate(html, _site_url(config) + page.url)


def on_page_context(context, page, config, nav):
    """Paper: the print-only header (overrides/partials/print-header.html)."""
    lang = page_language(page)
    context["print_header"] = print_header(config["site_name"], page.title, _site_url(config) + page.url,
                                           build_day(), lang, leaflets.urgent_box(lang))
    return context


@event_priority(-100)  # after static-i18n's own on_post_build has written the other languages
def on_post_build(config):
    if not is_final_build(config):  # every language's leaflets are copied once, at the end
        return
    _build(config, out_dir=Path(config["site_dir"]) / leaflets.OUTPUT_DIR)
    handbook.build(Path(config["site_dir"]), _site_url(config))  # from the pages just written


# ---------------------------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------------------------

def _site_url(config) -> str:
    url = config.get("site_url") or leaflets.site_url()
    return url if url.endswith("/") else url + "/"


def _build(config, out_dir=None):
    try:
        return leaflets.build_all(out_dir, base_url=_site_url(config))
    except ContentErrors as problem:
        fail(problem.errors)
    except ContentError as problem:
        fail([problem])
