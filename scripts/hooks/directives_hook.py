"""Runs after every feature hook: a `{{ ... }}` still in the page is unknown, and fails the build."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from mkdocs.plugins import event_priority  # noqa: E402

from scripts.directives import leftovers  # noqa: E402
from scripts.mkdocs_glue import fail, page_path  # noqa: E402


@event_priority(-100)
def on_page_markdown(markdown, page, config, files):
    fail(leftovers(markdown, page_path(page)))
    return markdown
