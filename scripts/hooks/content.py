"""The one content hook: MkDocs events in, scripts/content/pipeline.py does the work.

Order of one build:
  on_config            data files loaded; every page, leaflet, abbreviation, link and
                       translation checked on its own text -> one failure listing every problem;
                       the footer's urgent numbers from the routes data
  on_files             every page's source lines read (Bronverantwoording needs later pages too)
  on_pre_build         leaflets built (the Folders page lists them)
  on_page_read_source  the page read as UTF-8 (else `path:line: … sla op als UTF-8`)
  on_page_markdown     rendered: directives in one pass, quotes, abbreviations
  on_page_content      quotes' HTML in place; content links get their address for print;
                       "Op deze pagina" contents on pages with sections
  on_page_context      the print-only header (site, page, address, date, urgent numbers)
  on_post_build        leaflets copied into the site, the whole handbook as one PDF per
                       language, and the training kit's PDFs (scripts/content/training_kit.py), once,
                       after the last language
"""
import datetime as dt
import logging
import posixpath
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from mkdocs.plugins import event_priority  # noqa: E402
from mkdocs.utils import get_relative_url  # noqa: E402

from scripts.content import handbook  # noqa: E402
from scripts.content import leaflets  # noqa: E402
from scripts.content import pipeline  # noqa: E402
from scripts.content import routes  # noqa: E402
from scripts.content import source_lines as sources  # noqa: E402
from scripts.content import training_kit  # noqa: E402
from scripts.content import voices  # noqa: E402
from scripts.content.errors import ContentError, ContentErrors  # noqa: E402
from scripts.hooks.mkdocs_glue import fail, is_final_build, page_key, page_language, page_path, routes_file  # noqa: E402
from scripts.content.contents import insert_contents, sections  # noqa: E402
from scripts.content.print_header import build_day, print_header  # noqa: E402
from scripts.postbuild.print_links import annotate  # noqa: E402
from scripts.content.source_text import read_text  # noqa: E402

# INFO, not WARNING: strict mode counts warnings, and an old check date must not break CI.
log = logging.getLogger("mkdocs.plugins.content")
REPORT_PAGE = "over.md"  # the handbook's page about the report, in each language folder

_state: dict = {"ctx": None, "told_stale": False, "leaflets": [], "sources": {}, "placeholders": {}}


# ---------------------------------------------------------------------------------------------
# Hooks
# ---------------------------------------------------------------------------------------------

def on_config(config):
    """Load the data and check the whole project before anything renders: once per build, in the
    outer build (static-i18n runs the other languages' builds, on_config included, inside it)."""
    if is_final_build(config) or _state["ctx"] is None:
        root = Path(config["config_file_path"]).parent
        try:
            ctx = pipeline.load_context(root, routes_file(config))
        except ContentErrors as problems:
            fail(problems.errors)
        fail(pipeline.check_project(ctx))
        _state["ctx"] = ctx
    ctx = _state["ctx"]
    # The footer of every page repeats the urgent numbers (overrides/partials/copyright.html).
    config["extra"]["urgent_footer"] = {lang: routes.render_footer_numbers(ctx.routes, lang) for lang in routes.LANGS}
    if not _state["told_stale"]:  # static-i18n builds twice in one process: say it once
        _state["told_stale"] = True
        for route, age in routes.stale_routes(ctx.routes, dt.date.today()):
            log.info(routes.stale_notice(route, age, ctx.routes.stale_after_days, ctx.routes.path))
    return config


def on_files(files, config):
    docs = Path(config["docs_dir"])
    for lang in sources.TEXT:
        if (docs / lang).is_dir():
            _state["sources"][lang] = sources.in_reading_order(sources.scan_language(docs / lang, Path.cwd()), config["nav"])
    return files


def on_pre_build(config):
    """Build (or reuse from cache) every leaflet; static-i18n calls this once per language."""
    _state["leaflets"] = _build_leaflets(config)


def on_page_read_source(page, config):
    try:
        return read_text(page.file.abs_src_path, page_path(page))
    except ContentError as error:
        fail([error])


def on_page_markdown(markdown, page, config, files):
    ctx, lang, key = _state["ctx"], page_language(page), page_key(page, config)
    src = pipeline.Source(page_path(page), lang, page.file.content_string, "page", Path(page.file.abs_src_path))
    links = pipeline.PageLinks(report=_report_href(page, files, lang),
                               overview=posixpath.relpath(sources.OVERVIEW_PAGE, posixpath.dirname(key) or "."))
    generated = {
        "stemmen": lambda d: voices.render(voices.collect(voices.read_pages(Path(config["docs_dir"]) / lang, config["nav"], skip={key}), lang), lang, key),
        "bronverantwoording": lambda d: sources.render_overview(_state["sources"].get(lang, {}), lang, key),
        "folders": lambda d: leaflets.folders_table(_state["leaflets"], lang, page.url),
        "handboek": lambda d: handbook.link(lang, page.url),
    }
    placeholders: dict[str, str] = {}
    try:
        rendered = pipeline.render(src, ctx, links, generated, placeholders)
    except ContentErrors as problems:
        fail(problems.errors)
    _state["placeholders"][page.file.abs_src_path] = placeholders
    return rendered


# Early, so later content hooks see the quotes in place.
@event_priority(50)
def on_page_content(html, page, config, files):
    from scripts.content.quotes import fill_placeholders

    html = fill_placeholders(html, _state["placeholders"].pop(page.file.abs_src_path, {}))
    html = annotate(html, _site_url(config) + page.url)
    return insert_contents(html, sections(page.toc), page_language(page))  # "Op deze pagina" on phones


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
    _build_leaflets(config, out_dir=Path(config["site_dir"]) / leaflets.OUTPUT_DIR)
    handbook.build(Path(config["site_dir"]), _site_url(config), config["nav"],  # from the pages just written
                   Path(config["docs_dir"]) / leaflets.default_language())
    training_kit.build_all(Path(config["site_dir"]) / leaflets.OUTPUT_DIR)  # issue 21: guide, pack, kit, slides


# ---------------------------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------------------------

def _site_url(config) -> str:
    url = config.get("site_url") or leaflets.site_url()
    return url if url.endswith("/") else url + "/"


def _build_leaflets(config, out_dir=None):
    try:
        return leaflets.build_all(out_dir, base_url=_site_url(config))
    except ContentErrors as problem:
        fail(problem.errors)
    except ContentError as problem:
        fail([problem])


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
