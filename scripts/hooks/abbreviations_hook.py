"""Explain abbreviations on every page: append includes/abbreviations.<lang>.md for `abbr`."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from scripts.abbreviations import definitions  # noqa: E402
from scripts.mkdocs_glue import fail, page_language  # noqa: E402


def on_page_markdown(markdown, page, config, files):
    text, errors = definitions(page_language(page))
    fail(errors)
    return markdown + "\n\n" + text + "\n"
