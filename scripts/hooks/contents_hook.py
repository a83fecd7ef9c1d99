"""An "Op deze pagina" contents at the top of pages with sections (scripts/contents.py)."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from scripts.contents import insert_contents, sections  # noqa: E402
from scripts.mkdocs_glue import page_language  # noqa: E402


def on_page_content(html, page, config, files):
    return insert_contents(html, sections(page.toc), page_language(page))
