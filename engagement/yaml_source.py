"""YAML read with line numbers kept, so an error can say where in the file it is."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from engagement.errors import ImportProblem


class YamlSource:
    """A parsed YAML file that can tell the line of any value by its path of keys and indices."""

    def __init__(self, path: Path):
        self.name = path.name
        try:
            text = path.read_text(encoding="utf-8-sig")
        except FileNotFoundError:
            raise ImportProblem(f"{path}: no such file.") from None
        except UnicodeDecodeError:
            raise ImportProblem(f"{path.name}: the file is not UTF-8 text.") from None
        try:
            self.root = yaml.compose(text, Loader=yaml.SafeLoader)
            self.data: Any = yaml.safe_load(text)
        except yaml.YAMLError as err:
            mark = getattr(err, "problem_mark", None)
            where = f", line {mark.line + 1}" if mark is not None else ""
            raise ImportProblem(
                f"{path.name}{where}: this is not valid YAML ({getattr(err, 'problem', err)})."
            ) from None

    def line(self, *keys: str | int) -> int:
        """Return the 1-based line of the value at keys (or of its nearest parent that exists)."""
        node = self.root
        for key in keys:
            child = None
            if isinstance(node, yaml.MappingNode):
                child = next((v for k, v in node.value if k.value == key), None)
            elif (
                isinstance(node, yaml.SequenceNode)
                and isinstance(key, int)
                and key < len(node.value)
            ):
                child = node.value[key]
            if child is None:
                break
            node = child
        return (node.start_mark.line + 1) if node is not None else 1

    def problem(self, message: str, *keys: str | int, field: str | None = None) -> ImportProblem:
        """Return an ImportProblem naming this file, the line of keys and the field."""
        where = f"{self.name}, line {self.line(*keys)}"
        if field:
            where += f", field '{field}'"
        return ImportProblem(f"{where}: {message}")
