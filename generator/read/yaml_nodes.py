"""YAML text to plain values: libyaml's parser with a cut-down resolver, and a converter that refuses anything but
plain data (tags, aliases, duplicate keys, deep nesting). Lines and columns are looked up only when a problem is
reported: recording one for every key of every file would cost more than the parse in a large briefing.
"""

from __future__ import annotations

import re
import typing
from pathlib import PurePosixPath
from typing import Any

import yaml

from ..content.fields import Location
from ..errors import Problem
from .yaml_messages import LIBYAML, MAX_DEPTH, TOO_DEEP_MESSAGE, reader_problem, yaml_problem

BaseLoader: Any = yaml.CSafeLoader if LIBYAML else yaml.SafeLoader


class _Loader(BaseLoader):  # type: ignore[misc]
    """The safe loader with its resolver cut down to what plain data uses.

    The parser calls these three methods once per node, from C; the library's
    general versions cost more than the parse itself in a large briefing.
    """

    _implicit: typing.ClassVar[dict[str, tuple[tuple[str, re.Pattern[str]], ...]]] = {
        first: tuple(resolvers) + tuple(BaseLoader.yaml_implicit_resolvers.get(None, ()))
        for first, resolvers in BaseLoader.yaml_implicit_resolvers.items()
        if first is not None
    }
    _default: typing.ClassVar[dict[type, str]] = {
        yaml.ScalarNode: BaseLoader.DEFAULT_SCALAR_TAG,
        yaml.SequenceNode: BaseLoader.DEFAULT_SEQUENCE_TAG,
        yaml.MappingNode: BaseLoader.DEFAULT_MAPPING_TAG,
    }

    if BaseLoader is not yaml.SafeLoader:  # libyaml's

        def __init__(self, stream: str) -> None:
            # Only the parser: this loader composes nodes and never constructs objects, so the
            # constructor's and resolver's state would go unused, and a briefing makes one per file.
            yaml._yaml.CParser.__init__(self, stream)

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        """No path resolvers are registered: nothing to track."""

    def ascend_resolver(self) -> None:
        """No path resolvers are registered: nothing to track."""

    def resolve(self, kind: type, value: Any, implicit: Any) -> str:
        if kind is _ScalarNode and implicit[0]:
            resolvers = _IMPLICIT.get(value[:1])  # '' too: an empty plain scalar is null
            if resolvers:
                for tag, regexp in resolvers:
                    if regexp.match(value):
                        return str(tag)
        return _DEFAULT_TAGS[kind]


assert not BaseLoader.yaml_path_resolvers, "the cut-down resolver assumes no path resolvers"


# Module globals, not class attributes: `resolve` runs once per node and every lookup counts.
_ScalarNode = yaml.ScalarNode
_IMPLICIT = _Loader._implicit
_DEFAULT_TAGS = _Loader._default
_SCALARS = yaml.constructor.SafeConstructor()
_TAG = "tag:yaml.org,2002:"
_STR = _TAG + "str"
_SCALAR_BUILDERS = {
    _TAG + "str": lambda node: node.value,
    # Dates stay text: the schema parses them, so an impossible date is reported
    # like any other bad value instead of failing inside the YAML library.
    _TAG + "timestamp": lambda node: node.value,
    _TAG + "null": _SCALARS.construct_yaml_null,
    _TAG + "bool": _SCALARS.construct_yaml_bool,
    _TAG + "int": _SCALARS.construct_yaml_int,
    _TAG + "float": _SCALARS.construct_yaml_float,
}


def parse_yaml(path: PurePosixPath, text: str) -> tuple[Any, list[Problem]]:
    """The plain data a YAML text holds, or None with the problems that stopped it."""
    node, found = _compose(path, text)
    if node is None:
        return None, found
    data = _NodeConverter(path, found, anchored="&" in text).convert(node)
    return (None if found else data), found


def positions_of(text: str) -> dict[Location, tuple[int, int]]:
    """(line, column) of every mapping key and sequence item in a YAML text that parses."""
    node, _ = _compose(PurePosixPath(), text)
    positions: dict[Location, tuple[int, int]] = {}
    if node is not None:
        _record_positions(node, (), positions, set())
    return positions


def _compose(path: PurePosixPath, text: str) -> tuple[yaml.Node | None, list[Problem]]:
    loader = None
    try:
        loader = _Loader(text)  # PyYAML's pure-Python reader checks the characters here already
        return loader.get_single_node(), []
    except yaml.MarkedYAMLError as error:
        return None, [yaml_problem(path, text, error)]
    except yaml.reader.ReaderError as error:
        return None, [reader_problem(path, text, error)]
    except yaml.YAMLError:
        return None, [
            Problem(path, 0, 0, "yaml-syntax", "this file is not valid YAML; check its indentation and quotes")
        ]
    except RecursionError:
        # Only PyYAML's pure-Python parser gets here: it recurses once per level of nesting, where
        # libyaml stops at a limit of its own. Its reader stopped inside the nesting.
        mark = typing.cast(Any, loader).get_mark()
        return None, [Problem(path, mark.line + 1, mark.column + 1, "too-deep", TOO_DEEP_MESSAGE)]
    finally:
        if loader is not None:
            loader.dispose()


def _record_positions(
    node: yaml.Node, location: Location, positions: dict[Location, tuple[int, int]], seen: set[int]
) -> None:
    if id(node) in seen or len(location) > MAX_DEPTH + 1:
        return  # an alias or a nesting the converter refuses; the problem is reported already
    seen.add(id(node))
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            here = (*location, key_node.value)
            if isinstance(key_node, yaml.ScalarNode) and here not in positions:
                positions[here] = _mark(key_node)
                _record_positions(value_node, here, positions, seen)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            positions[(*location, index)] = _mark(item)
            _record_positions(item, (*location, index), positions, seen)


class _NodeConverter:
    """Turns a composed YAML node tree into dicts, lists and scalars, refusing anything else."""

    def __init__(self, path: PurePosixPath, problems: list[Problem], anchored: bool = True) -> None:
        self.path = path
        self.problems = problems
        # The composer resolves aliases to shared nodes; refusing to visit a node twice
        # rules out alias bombs. A text with no anchor ('&') has no alias to look out for.
        self.seen: set[int] | None = set() if anchored else None

    def convert(self, node: yaml.Node, depth: int = 0) -> Any:
        if self.seen is not None:
            if id(node) in self.seen:
                self._fail(node, "yaml-alias", "anchors and aliases (&, *) are not supported; write the value out")
                return None
            self.seen.add(id(node))
        if depth > MAX_DEPTH:
            self._fail(node, "too-deep", TOO_DEEP_MESSAGE)
            return None
        if type(node) is _ScalarNode:
            if node.tag == _STR:  # by far the commonest: a shortcut
                return node.value
            return self._scalar(node)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, depth)
        return self._sequence(typing.cast(yaml.SequenceNode, node), depth)

    def _mapping(self, node: yaml.MappingNode, depth: int) -> dict[str, Any] | None:
        if node.tag != _TAG + "map":
            self._fail(node, "yaml-tag", f"unsupported YAML tag {node.tag!r}; remove it")
            return None
        result: dict[str, Any] = {}
        # Text is by far the commonest value: taken without a call where no check could apply to it.
        shortcut = self.seen is None and depth < MAX_DEPTH
        for key_node, value_node in node.value:
            if type(key_node) is not _ScalarNode or key_node.tag != _STR:
                self._fail(key_node, "yaml-key", "field names must be plain text")
                continue
            key = key_node.value
            if key in result:
                self._duplicate(node, key_node)
            elif shortcut and type(value_node) is _ScalarNode and value_node.tag == _STR:
                result[key] = value_node.value
            else:
                result[key] = self.convert(value_node, depth + 1)
        return result

    def _duplicate(self, node: yaml.MappingNode, key_node: yaml.ScalarNode) -> None:
        first = next(key for key, _ in node.value if key.value == key_node.value)
        line, _ = _mark(first)
        message = f"duplicate field '{key_node.value}' (first given on line {line}); keep one"
        self._fail(key_node, "duplicate-key", message)

    def _sequence(self, node: yaml.SequenceNode, depth: int) -> list[Any] | None:
        if node.tag != _TAG + "seq":
            self._fail(node, "yaml-tag", f"unsupported YAML tag {node.tag!r}; remove it")
            return None
        return [self.convert(item, depth + 1) for item in node.value]

    def _scalar(self, node: yaml.ScalarNode) -> Any:
        build = _SCALAR_BUILDERS.get(node.tag)
        if build is None:
            self._fail(
                node,
                "yaml-tag",
                f"unsupported YAML tag {node.tag!r}; only plain text, numbers, true/false and dates are allowed",
            )
            return None
        return build(node)

    def _fail(self, node: yaml.Node, code: str, message: str) -> None:
        """Record a problem; the value in its place becomes None (the file is rejected anyway)."""
        line, col = _mark(node)
        self.problems.append(Problem(self.path, line, col, code, message))


def _mark(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1
