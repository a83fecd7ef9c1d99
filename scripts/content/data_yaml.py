"""The project's data files (data/*.yml) read as YAML that remembers lines, so every problem in
them is `path:line: reason` — a malformed file, a duplicated key, an impossible date or a value of
the wrong type — and never a traceback."""
from __future__ import annotations

from pathlib import Path

import yaml

from scripts.content.errors import ContentError, ContentErrors
from scripts.content.source_text import display_path, read_text

class _Map(dict):
    """A YAML mapping that remembers its own line and the line of every value."""

    line: int = 0
    lines: dict


class _Seq(list):
    """A YAML list that remembers its own line and the line of every item (by index)."""

    line: int = 0
    lines: dict


class _LineLoader(yaml.SafeLoader):
    path = ""


def _construct_map(loader: _LineLoader, node: yaml.MappingNode) -> _Map:
    loader.flatten_mapping(node)
    result = _Map()
    result.line = node.start_mark.line + 1
    result.lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in result:
            # PyYAML silently keeps the last value; a duplicated `phones:` must not hide.
            raise ContentError(loader.path, key_node.start_mark.line + 1, f"veld '{key}' staat er twee keer")
        result[key] = loader.construct_object(value_node, deep=True)
        result.lines[key] = value_node.start_mark.line + 1
    return result


def _construct_seq(loader: _LineLoader, node: yaml.SequenceNode) -> _Seq:
    result = _Seq(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    result.lines = {i: child.start_mark.line + 1 for i, child in enumerate(node.value)}
    return result


def _construct_timestamp(loader: _LineLoader, node: yaml.ScalarNode):
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError as error:  # 2026-02-30: looks like a date, is none
        raise ContentError(loader.path, node.start_mark.line + 1,
                           f"'{node.value}' is geen bestaande datum ({error})") from None


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_map)
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_seq)
_LineLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)


class _ConfigLoader(_LineLoader):
    """mkdocs.yml: `!ENV [NAME, default]` and other tags read as their plain value."""


_ConfigLoader.add_multi_constructor("!", lambda loader, suffix, node: (
    loader.construct_sequence(node) if isinstance(node, yaml.SequenceNode)
    else loader.construct_scalar(node) if isinstance(node, yaml.ScalarNode) else None))


def load_config_with_lines(text: str, path: str):
    """mkdocs.yml with lines (tags such as !ENV read as plain values); ContentError if broken."""
    return load_yaml_with_lines(text, path, _ConfigLoader)


def load_yaml_with_lines(text: str, path: str, loader_class: type = _LineLoader):
    """Parse YAML; mappings come back as dicts with `.line` and `.lines`. Errors as ContentError."""
    loader = loader_class(text)
    loader.path = path
    try:
        return loader.get_single_data()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        raise ContentError(path, mark.line + 1 if mark else 1, f"geen geldige YAML: {error.problem}") from None
    finally:
        loader.dispose()


def load_data_file(path: str | Path, display: str | None = None):
    """Read a data file (UTF-8 checked) and parse it with lines; ContentErrors on any problem."""
    shown = display or display_path(path)
    if not Path(path).is_file():
        raise ContentErrors([ContentError(shown, 1, "bestand niet gevonden")])
    try:
        return load_yaml_with_lines(read_text(path, shown), shown)
    except ContentError as error:
        raise ContentErrors([error]) from None


def line_of(mapping, key=None) -> int:
    """The line of `mapping[key]` (a key, or an index in a list), or of the mapping itself."""
    lines = getattr(mapping, "lines", {})
    return lines.get(key, getattr(mapping, "line", 1)) if key is not None else getattr(mapping, "line", 1)


def type_name(value) -> str:
    """How a writer would name what they typed, for messages like 'een lijst verwacht, kreeg tekst'."""
    if isinstance(value, dict):
        return "een blok met velden"
    if isinstance(value, list):
        return "een lijst"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return f"het getal {value}"
    if value is None:
        return "niets"
    return f"de tekst '{value}'"
