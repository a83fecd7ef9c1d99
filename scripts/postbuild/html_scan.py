"""One fast scan of built HTML for the post-build passes that read every page (css_prune, csp).

Every page carries the whole nav, so page bytes grow with the handbook: a pure-Python HTML
parser made those passes the slowest part of a big build. This is one compiled regex that
tokenizes a page the way the HTML tokenizer does for what these passes need:

- comments (`<!-- … -->`, also unclosed, `<!-->`) and bogus comments (`<!doctype>`, `<? … >`)
  are skipped whole, so markup inside them is not seen;
- a start tag follows the attribute grammar: values double-quoted, single-quoted or unquoted,
  a `>` inside a quoted value does not end the tag;
- the text of <script> and <style> is raw: it ends at `</script` (`</style`) followed by
  whitespace, `/` or `>`, in any case, so a tag inside a script's strings is no tag.

`scan` returns each distinct start tag once (nav tags repeat on every page: callers work per
distinct tag, and can remember the tags of earlier pages) and the raw-text elements in order.
"""
from __future__ import annotations

import re
from html import unescape

_WS = "\t\n\f\r "
_ATTRIBUTE = (
    rf"""[{_WS}/]*+(?>[^{_WS}/>][^{_WS}/>=]*+)"""  # name (an "=" may start it: the HTML rule)
    rf"""(?>[{_WS}]*+=[{_WS}]*+(?>"[^"]*+"|'[^']*+'|[^{_WS}>]*+))?"""  # = value
)
_ATTRIBUTES = rf"(?:{_ATTRIBUTE})*+[{_WS}/]*+"
_TOKENS = re.compile(
    rf"""<!--(?:-?>|.*?--!?>|.*)"""  # comment, to its end or the page's
    rf"""|<[!?][^>]*+>?"""  # doctype, bogus comment
    rf"""|</[A-Za-z][^{_WS}/>]*+{_ATTRIBUTES}>"""  # end tag
    rf"""|(?P<raw><(?P<name>(?i:script|style))(?=[{_WS}/>]){_ATTRIBUTES}>)"""  # raw-text element:
    rf"""(?P<text>.*?)(?=</(?i:(?P=name))[{_WS}/>]|\Z)"""  # its text, up to its end tag
    rf"""|(?P<tag><[A-Za-z][^{_WS}/>]*+{_ATTRIBUTES}>)""",  # start tag
    re.S,
)
_TAG_NAME = re.compile(rf"<([^{_WS}/>]+)")
_ATTRIBUTE_PARTS = re.compile(
    rf"""[{_WS}/]*+([^{_WS}/>][^{_WS}/>=]*+)(?:[{_WS}]*+=[{_WS}]*+(?:"([^"]*+)"|'([^']*+)'|([^{_WS}>]*+)))?"""
)


def scan(html: str) -> tuple[set[str], list[tuple[str, str, str]]]:
    """(every distinct start tag as written, raw-text elements' included; every <script> and
    <style> in page order as (name in lower case, start tag, text))."""
    found = _TOKENS.findall(html)
    tags = {raw or tag for raw, _, _, tag in set(found)}
    tags.discard("")
    return tags, [(name.lower(), raw, text) for raw, name, text, _ in found if raw]


def tag_name(tag: str) -> str:
    """`<DIV class=x>` → `div`."""
    return _TAG_NAME.match(tag)[1].lower()


def attributes(tag: str) -> list[tuple[str, str]]:
    """A start tag's attributes in order: (name in lower case, value with character references
    resolved; "" for an attribute without a value)."""
    rest = tag[_TAG_NAME.match(tag).end():-1]
    return [
        (name.lower(), unescape(value) if "&" in value else value)
        for name, *quoted in _ATTRIBUTE_PARTS.findall(rest)
        for value in ["".join(quoted)]
    ]
