"""Search quality (issue 15): does a parent's own wording find a page that answers it?

Every query of tests/search_queries.yml is typed into the built site's search box (Material's
real lunr worker) in its language; a query is answered when one of its pages is among the first
three results. Prints the answer rate per language and every miss; fails below 90 % per language.
"""
from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

import pytest
import yaml

QUERIES = yaml.safe_load((Path(__file__).resolve().parents[1] / "search_queries.yml").read_text("utf-8"))
ROOTS = {"nl": "/", "en": "/en/"}
MINIMUM = 0.90
TOP = 3


def result_pages(page, root: str) -> list[str]:
    """The page (path from the language root) of each result item, in the order shown."""
    hrefs = page.eval_on_selector_all(
        ".md-search-result__item", "items => items.map(li => li.querySelector('a').href)")
    return ["/" + urlparse(h).path[len(root):] for h in hrefs]


def search(page, query: str, root: str) -> list[str]:
    """Type `query` into the search box and return the result pages once they stop changing."""
    box = page.locator("input[name=query]")
    box.click()
    page.keyboard.press("Control+A")
    page.keyboard.press("Backspace")
    page.keyboard.type(query)
    meta = page.locator(".md-search-result__meta")
    seen, stable = None, 0
    for _ in range(60):
        page.wait_for_timeout(60)
        now = (meta.text_content(), tuple(result_pages(page, root)))
        stable = stable + 1 if now == seen else 0
        seen = now
        if stable >= 3:
            break
    return list(seen[1])


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_top_three_answers_parents_queries(open_context, base_url, lang, capsys):
    queries = [q for q in QUERIES if q["lang"] == lang]
    context, record = open_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(base_url + ROOTS[lang], wait_until="networkidle")
    misses = []
    for case in queries:
        top = search(page, case["q"], ROOTS[lang])[:TOP]
        if not set(top) & set(case["pages"]):
            depends = f" (wacht op issue {case['depends']})" if case.get("depends") else ""
            misses.append(f"  MISS {case['q']!r}{depends}: top {top}, want one of {case['pages']}")
    rate = 1 - len(misses) / len(queries)
    with capsys.disabled():
        print(f"\n[search quality] {lang}: top-{TOP} answer rate {rate:.0%} "
              f"({len(queries) - len(misses)}/{len(queries)})")
        print("\n".join(misses))
    assert not record.page_errors and not record.console_errors
    assert rate >= MINIMUM, f"{lang}: {rate:.0%} of queries answered in the top {TOP}"
