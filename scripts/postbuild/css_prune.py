"""Drop the rules of Material's stylesheets that nothing on the built site can ever match.

Material ships one stylesheet for every feature it has (tabs, mermaid, grids, code, …); this
site uses a few. A selector is dropped only when it names a class, an id or an attribute that
occurs nowhere in the evidence: the built HTML (class/id values, attribute names and values,
inline scripts) and every token of the site's JavaScript — Material's bundle builds markup
from strings at runtime (search results, tooltips, table scroll wrappers), so a class named in
JS counts as used, and so does any class that starts with a string prefix the JS glues names
from (`md-tag--${…}`). Everything else is kept: tag selectors, pseudo-classes and -elements,
@keyframes/@font-face/@property whole; @media/@supports/@container are pruned inside and
dropped only when nothing is left in them. Then custom properties: a `--x:` declaration goes
when no remaining CSS of the site (ours included) names --x and no page or script mentions it
(Material declares an icon per admonition type, status, task list… as data URIs on :root).
The file is rewritten under its own (hashed) name.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import tinycss2
from tinycss2 import ast

from scripts.postbuild import html_scan

# At-rules that hold style rules: prune inside. Every other at-rule is kept as it is.
GROUPING_AT_RULES = {"media", "supports", "container", "layer", "document", "-moz-document", "scope"}
# Functional pseudo-classes that match when ANY argument matches: dead only if all arguments are.
ANY_OF = {"is", "where", "matches", "any", "-webkit-any", "-moz-any"}
STYLESHEETS = ("main.*.min.css", "palette.*.min.css")
_TOKEN = re.compile(r"[\w-]+")


@dataclass
class Evidence:
    """What the site can put in the DOM: names from HTML and tokens from JavaScript."""

    classes: set[str] = field(default_factory=set)
    ids: set[str] = field(default_factory=set)
    attributes: set[str] = field(default_factory=set)  # lower-case attribute names
    values: set[str] = field(default_factory=set)  # lower-case attribute value tokens
    tokens: set[str] = field(default_factory=set)  # every [\w-]+ run in any script
    lower_tokens: set[str] = field(default_factory=set)
    prefixes: set[str] = field(default_factory=set)  # script fragments like "md-tag--"
    suffixes: set[str] = field(default_factory=set)  # script fragments like "--active"
    properties: set[str] = field(default_factory=set)  # custom properties (--x) named in HTML
    # Start tags and script texts already taken in: the nav's repeat on every page.
    seen_tags: set[str] = field(default_factory=set, repr=False)
    seen_scripts: set[str] = field(default_factory=set, repr=False)

    def add_script(self, text: str) -> None:
        for token in _TOKEN.findall(text):
            self.tokens.add(token)
            self.lower_tokens.add(token.lower())
            if len(token.strip("-_")) >= 2:
                if token[-1] in "-_":
                    self.prefixes.add(token)
                if token[0] in "-_":
                    self.suffixes.add(token)

    def add_html(self, text: str) -> None:
        tags, raw_texts = html_scan.scan(text)
        for tag in tags - self.seen_tags:
            self.add_tag(tag)
        self.seen_tags |= tags
        for name, _, script in raw_texts:
            if name == "script" and script not in self.seen_scripts:
                self.seen_scripts.add(script)
                self.add_script(script)
        self.properties.update(re.findall(r"--[\w-]+", text))  # style attributes and blocks

    def add_tag(self, tag: str) -> None:
        for name, value in html_scan.attributes(tag):
            self.attributes.add(name)
            if name == "class":
                self.classes.update(value.split())
            elif name == "id":
                self.ids.add(value)
            elif name.startswith("on"):
                self.add_script(value)
            self.values.update(v.lower() for v in _TOKEN.findall(value))

    def name_used(self, name: str, names: set[str]) -> bool:
        """A class or id: in the HTML, a script token, or glued from a script prefix/suffix."""
        return (
            name in names
            or name in self.tokens
            or any(name.startswith(p) for p in self.prefixes)
            or any(name.endswith(s) for s in self.suffixes)
        )

    def attribute_used(self, name: str) -> bool:
        name = name.lower()
        if name in self.attributes or name in self.tokens:
            return True
        # Scripts set attributes through properties too: el.dataset.mdState, el.ariaHidden.
        return (
            name.replace("-", "") in self.lower_tokens
            or name.removeprefix("data-").replace("-", "") in self.lower_tokens
            or any(name.startswith(p.lower()) for p in self.prefixes)
        )

    def value_used(self, value: str) -> bool:
        """Could an attribute ever hold exactly this value? Only provably-absent tokens say no."""
        value = value.lower()
        if not _TOKEN.fullmatch(value):
            return True  # not a plain token: cannot prove absence cheaply, keep
        return value in self.values or value in self.lower_tokens


def evidence_from(html_texts, js_texts) -> Evidence:
    evidence = Evidence()
    for text in html_texts:
        evidence.add_html(text)
    for text in js_texts:
        evidence.add_script(text)
    return evidence


def site_evidence(site: Path) -> Evidence:
    html = [p.read_text("utf-8") for p in sorted(site.rglob("*.html"))]
    # Search results show HTML fragments from the index: their markup is evidence too.
    for index in sorted(site.rglob("search_index.json")):
        html += [doc.get("title", "") + doc.get("text", "") for doc in json.loads(index.read_text("utf-8")).get("docs", [])]
    return evidence_from(html, (p.read_text("utf-8") for p in sorted(site.rglob("*.js"))))


def split_selectors(tokens):
    """A selector list's tokens, one list per top-level comma-separated part."""
    parts, current = [], []
    for token in tokens:
        if token.type == "literal" and token.value == ",":
            parts.append(current)
            current = []
        else:
            current.append(token)
    parts.append(current)
    return parts


def _attribute_alive(block: ast.SquareBracketsBlock, evidence: Evidence) -> bool:
    parts = [t for t in block.content if t.type not in ("whitespace", "comment")]
    # [ns|name …]: the name is the ident after a lone "|"
    if len(parts) >= 3 and parts[1].type == "literal" and parts[1].value == "|":
        parts = parts[2:]
    if not parts or parts[0].type != "ident":
        return True
    if not evidence.attribute_used(parts[0].value):
        return False
    # [name=value] with no flag: the value must be able to occur somewhere.
    if len(parts) == 3 and parts[1].type == "literal" and parts[1].value == "=" and parts[2].type in ("ident", "string"):
        return evidence.value_used(parts[2].value)
    return True


def selector_alive(tokens, evidence: Evidence) -> bool:
    """False only when the selector names a class, id or attribute the site never has."""
    previous = None
    for token in tokens:
        if token.type == "ident" and previous is not None and previous.type == "literal" and previous.value == ".":
            if not evidence.name_used(token.value, evidence.classes):
                return False
        elif token.type == "hash" and token.is_identifier:
            if not evidence.name_used(token.value, evidence.ids):
                return False
        elif token.type == "[] block":
            if not _attribute_alive(token, evidence):
                return False
        elif token.type == "function" and previous is not None and previous.type == "literal" and previous.value == ":":
            if token.lower_name in ANY_OF and not any(
                selector_alive(argument, evidence) for argument in split_selectors(token.arguments)
            ):
                return False
        previous = token
    return True


def _body(content, evidence: Evidence, references: set[str] | None) -> str:
    """A rule's declarations; given `references` (custom properties some CSS, page or script names),
    without the custom property declarations not among them."""
    if references is None:
        return tinycss2.serialize(content)
    nodes = tinycss2.parse_blocks_contents(content)
    if any(node.type not in ("declaration", "whitespace") for node in nodes):
        return tinycss2.serialize(content)  # comments, nested rules or errors: leave the rule as it is
    declarations = [node for node in nodes if node.type == "declaration"]
    kept = [
        d for d in declarations
        if not d.name.startswith("--") or evidence.name_used(d.name, references)
    ]
    return tinycss2.serialize(content) if len(kept) == len(declarations) else ";".join(d.serialize() for d in kept)


def _prune_rules(rules, evidence: Evidence, references: set[str] | None) -> str:
    out = []
    for rule in rules:
        if rule.type == "qualified-rule":
            kept = [
                tinycss2.serialize(selector).strip()
                for selector in split_selectors(rule.prelude)
                if selector_alive(selector, evidence)
            ]
            body = _body(rule.content, evidence, references) if kept else ""
            if kept and body.strip():
                out.append(",".join(kept) + "{" + body + "}")
        elif rule.type == "at-rule" and rule.lower_at_keyword in GROUPING_AT_RULES and rule.content is not None:
            inner = _prune_rules(tinycss2.parse_rule_list(rule.content), evidence, references)
            if inner.strip():
                out.append("@" + rule.at_keyword + tinycss2.serialize(rule.prelude) + "{" + inner + "}")
        elif rule.type in ("at-rule", "comment"):
            out.append(tinycss2.serialize([rule]))
        elif rule.type == "error":
            raise _Unparsable(rule.message)
        # whitespace between rules is dropped: the output stays minified
    return "".join(out)


class _Unparsable(Exception):
    pass


def prune_css(css: str, evidence: Evidence, references: set[str] | None = None) -> str:
    """The stylesheet without the selectors nothing can match, and, given the custom properties
    some CSS references, without the other custom property declarations. Unchanged if it does
    not parse cleanly."""
    try:
        return _prune_rules(tinycss2.parse_stylesheet(css), evidence, references)
    except _Unparsable:
        return css  # a rule we cannot read is a rule we cannot safely rewrite around


def property_references(css: str) -> set[str]:
    """Custom properties (--x) named anywhere in `css` except where they are declared: var(--x), @property --x…"""
    found: set[str] = set()

    def walk(tokens, declaration_start):
        start = declaration_start
        for i, token in enumerate(tokens):
            if token.type == "ident" and token.value.startswith("--"):
                after = next((t for t in tokens[i + 1:] if t.type not in ("whitespace", "comment")), None)
                if not (start and after is not None and after.type == "literal" and after.value == ":"):
                    found.add(token.value)
            if token.type == "{} block":
                walk(token.content, True)
            elif token.type in ("() block", "[] block"):
                walk(token.content, False)
            elif token.type == "function":
                walk(token.arguments, False)
            if token.type == "literal" and token.value == ";":
                start = True
            elif token.type not in ("whitespace", "comment"):
                start = False

    walk(tinycss2.parse_component_value_list(css), True)
    return found


def prune_site(site: Path, patterns=STYLESHEETS) -> list[tuple[str, int, int]]:
    """Prune Material's stylesheets in a built site in place; returns (name, bytes before, after).

    First the selectors; then, until nothing changes, the custom properties that no remaining
    CSS of the site (ours included), no page and no script names."""
    evidence = site_evidence(site)
    sheets = site / "assets" / "stylesheets"
    paths = [path for pattern in patterns for path in sorted(sheets.glob(pattern))]
    original = {path: path.read_text("utf-8") for path in paths}
    others = "".join(p.read_text("utf-8") for p in sorted(site.rglob("*.css")) if p not in original)
    pruned = {path: prune_css(css, evidence) for path, css in original.items()}
    while True:
        references = property_references(others + "".join(pruned.values())) | evidence.properties
        again = {path: prune_css(css, evidence, references) for path, css in pruned.items()}
        if again == pruned:
            break
        pruned = again
    for path, css in pruned.items():
        path.write_text(css, "utf-8")
    return [(path.name, len(original[path].encode()), len(pruned[path].encode())) for path in paths]


def summary(results: list[tuple[str, int, int]]) -> str:
    return "css_prune: " + "; ".join(f"{name} {before} -> {after} bytes" for name, before, after in results)
