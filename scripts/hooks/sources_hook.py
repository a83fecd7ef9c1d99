"""Source lines under every H2, and the generated Bronverantwoording page (scripts/sources.py)."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import functools  # noqa: E402
import posixpath  # noqa: E402

from scripts.directives import expand  # noqa: E402
from scripts.errors import ContentErrors  # noqa: E402
from scripts.mkdocs_glue import fail, page_language, page_path  # noqa: E402
from scripts.sources import (  # noqa: E402
    OVERVIEW_PAGE,
    TEXT,
    in_reading_order,
    parse_bron,
    render_bron,
    render_overview,
    report_sections,
    scan_language,
    section_openings,
    scan_page,
    unknown_sections,
)

# Hooks ------------------------------------------------------------------------------------------

# Every page's source lines per language, read before any page renders: the overview page needs
# the pages that come after it in the nav too.
_pages: dict = {}


def on_files(files, config):
    docs = Path(config["docs_dir"])
    for lang in TEXT:
        if (docs / lang).is_dir():
            _pages[lang] = in_reading_order(scan_language(docs / lang, Path.cwd()), config["nav"])
    return files


def on_page_markdown(markdown, page, config, files):
    path, lang = page_path(page), page_language(page)
    fail(scan_page(page.file.content_string, path).errors)
    key = _key(page, config)
    overview = posixpath.relpath(OVERVIEW_PAGE, posixpath.dirname(key) or ".")
    handlers = {
        "bron": lambda d: _bron(d.argument, lang, overview),
        "bronverantwoording": lambda d: render_overview(_pages.get(lang, {}), lang, key),
    }
    try:
        return expand(markdown, handlers, path)
    except ContentErrors as errors:
        fail(errors.errors)


# Helpers ----------------------------------------------------------------------------------------

def _bron(argument: str, lang: str, overview: str) -> str:
    # Lines written by other features (e.g. {{ stemmen }}) are not in the page source: check here.
    refs = parse_bron(argument)
    problems = unknown_sections(refs)
    if problems:
        raise ValueError(problems[0])
    return render_bron(refs, lang, overview, _openings(), report_sections())


@functools.lru_cache(maxsize=1)
def _openings() -> dict:
    return section_openings()


def _key(page, config) -> str:
    """The page's path inside its language folder, e.g. `professionals/index.md`."""
    source = Path(page.file.abs_src_path).resolve()
    docs = Path(config["docs_dir"]).resolve()
    return source.relative_to(docs).as_posix().split("/", 1)[1]
