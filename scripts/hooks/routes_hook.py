"""Help routes in pages: validate data/routes.yml, expand the route directives, refuse typed numbers."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import datetime as dt  # noqa: E402
import logging  # noqa: E402

from mkdocs.plugins import event_priority  # noqa: E402

from scripts import check_links, routes  # noqa: E402
from scripts.directives import expand  # noqa: E402
from scripts.errors import ContentErrors  # noqa: E402
from scripts.mkdocs_glue import fail, page_language, page_path  # noqa: E402

# INFO, not WARNING: strict mode counts warnings, and an old check date must not break CI.
log = logging.getLogger("mkdocs.plugins.routes")
_told_stale = False
_report_links: list = []
_routes_file = routes.ROUTES_FILE


# --- Hooks ------------------------------------------------------------------------------

def on_config(config):
    """Fail early on an invalid routes file; say which routes need a new check."""
    global _told_stale, _report_links, _routes_file
    # `extra: routes_file:` (relative to mkdocs.yml) lets a test or a fork use other data.
    if config["extra"].get("routes_file"):
        _routes_file = Path(config["config_file_path"]).parent / config["extra"]["routes_file"]
    data = _data()
    # The footer of every page repeats the urgent numbers (overrides/partials/copyright.html).
    config["extra"]["urgent_footer"] = {lang: routes.render_footer_numbers(data, lang) for lang in routes.LANGS}
    try:
        _report_links = check_links.load_report_links()
    except ContentErrors as errors:
        fail(errors.errors)
    if not _told_stale:  # static-i18n builds twice in one process: say it once
        _told_stale = True
        today = dt.date.today()
        for route, age in routes.stale_routes(data, today):
            log.info(routes.stale_notice(route, age, data.stale_after_days, data.path))
    return config


# Before the other features expand theirs: only text the writer typed is scanned for numbers.
@event_priority(50)
def on_page_markdown(markdown, page, config, files):
    path = page_path(page)
    data = _data()
    offset = routes.line_offset(Path(page.file.abs_src_path).read_text(encoding="utf-8"), markdown)
    errors = routes.typed_numbers(markdown, data, path, offset) + routes.page_problems(markdown, path, offset)
    try:
        lang = page_language(page)
        handlers = {
            **routes.handlers(data, lang),
            "rapportlinks": lambda d: check_links.render_report_links(_report_links, lang),
        }
        expanded = expand(markdown, handlers, path)
    except ContentErrors as problems:
        errors += problems.errors
        expanded = markdown
    fail(errors)
    return expanded


# --- Helpers ----------------------------------------------------------------------------

def _data():
    try:
        return routes.load(_routes_file)
    except ContentErrors as errors:
        fail(errors.errors)
