"""`{{ stemmen }}`: the Stemmen van ouders page, built from every verified quote of its language."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from mkdocs.plugins import event_priority  # noqa: E402

from scripts import voices  # noqa: E402
from scripts.directives import expand  # noqa: E402
from scripts.errors import ContentErrors  # noqa: E402
from scripts.mkdocs_glue import fail, page_language, page_path  # noqa: E402


# Hooks ------------------------------------------------------------------------------------------

# Early (after the routes scan of typed text, before sources and quotes): the Markdown we emit has
# `{{ bron }}` lines and quotes in the shared syntax, which those features then expand and verify.
@event_priority(40)
def on_page_markdown(markdown, page, config, files):
    path, language = page_path(page), page_language(page)
    key = _key(page, config)
    handlers = {voices.DIRECTIVE_NAME: lambda d: _render(d, language, key, config)}
    try:
        return expand(markdown, handlers, path)
    except ContentErrors as errors:
        fail(errors.errors)


# Helpers ----------------------------------------------------------------------------------------

def _render(directive, language: str, key: str, config) -> str:
    if directive.argument:
        raise ValueError(f"'{{{{ {voices.DIRECTIVE_NAME} }}}}' neemt geen argument (kreeg '{directive.argument}')")
    lang_dir = Path(config["docs_dir"]) / language
    pages = voices.read_pages(lang_dir, config["nav"], skip={key})
    return voices.render(voices.collect(pages, language), language, key)


def _key(page, config) -> str:
    """The page's path inside its language folder, e.g. `professionals/stemmen-van-ouders.md`."""
    source = Path(page.file.abs_src_path).resolve()
    docs = Path(config["docs_dir"]).resolve()
    return source.relative_to(docs).as_posix().split("/", 1)[1]
