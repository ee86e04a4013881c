"""Run the saved `.cypher` queries by name, with typed parameters, in a read-only transaction.

Analysts do not write Cypher: each saved query declares its name, what it answers and its
parameters in a header of `//` comments, so the command line can list, explain and run it:

    // name: trace-directive-down
    // description: Every document and task that carries out a directive ...
    // param: number string 国办发〔2018〕83号 — the directive's 发文字号
    // param: limit int = 100 20 — at most this many rows
    // one-of: task | number label

A parameter line is `name type [= default] example — description`; a parameter with a default
(a JSON literal) is optional. A `one-of` line lists alternative groups of optional parameters,
at least one group of which must be given in full. Values given as text (`-p key=value`) are converted to the
declared type and passed as Cypher parameters: the query text itself never changes.
"""
from __future__ import annotations

import datetime as _dt
import functools
import json
import re
from dataclasses import dataclass, field
from importlib import resources

from .format import QueryResult, format_result

__all__ = ["Param", "QueryError", "QueryResult", "SavedQuery", "format_result",
           "get_query", "list_queries", "parse_query", "run_query"]


class QueryError(Exception):
    """A saved query that does not exist, or parameters that do not fit it."""


_TRUE = {"true", "yes", "y", "1", "on"}
_FALSE = {"false", "no", "n", "0", "off"}


def _to_bool(text: str) -> bool:
    low = text.strip().lower()
    if low in _TRUE:
        return True
    if low in _FALSE:
        return False
    raise ValueError(text)


def _to_date(text: str) -> str:
    """A date as YYYY-MM-DD (checked: 2020-02-30 is refused); empty stays empty (no bound)."""
    text = text.strip()
    return _dt.date.fromisoformat(text).isoformat() if text else ""


CONVERTERS = {"string": str, "int": int, "float": float, "bool": _to_bool, "date": _to_date}
PYTHON_TYPES = {"string": str, "int": int, "float": (int, float), "bool": bool, "date": str}


@dataclass(frozen=True)
class Param:
    name: str
    type: str  # string | int | float | bool
    example: str
    description: str
    required: bool = True
    default: object = None

    def convert(self, text: str):
        try:
            return CONVERTERS[self.type](text.strip() if self.type != "string" else text)
        except ValueError:
            raise QueryError(f"parameter {self.name}: {text!r} is not of type {self.type} "
                             f"(e.g. {self.example})") from None

    def describe(self) -> str:
        need = "required" if self.required else f"optional, default {json.dumps(self.default, ensure_ascii=False)}"
        return f"{self.name} ({self.type}, {need}, e.g. {self.example}) — {self.description}"


@dataclass(frozen=True)
class SavedQuery:
    name: str
    description: str
    params: tuple[Param, ...]
    text: str
    columns: tuple[str, ...] = field(default=())
    one_of: tuple[tuple[str, ...], ...] = field(default=())

    def describe_params(self) -> str:
        if not self.params:
            return f"query {self.name} takes no parameters"
        return f"parameters of {self.name}:\n" + "\n".join("  " + p.describe() for p in self.params)

    def bind(self, given: dict[str, str]) -> dict:
        """Typed Cypher parameters from `-p key=value` strings, defaults filled in."""
        known = {p.name: p for p in self.params}
        unknown = sorted(set(given) - set(known))
        if unknown:
            raise QueryError(f"unknown parameter(s) {', '.join(unknown)} for query {self.name}; "
                             + self.describe_params())
        missing = [p.name for p in self.params if p.required and p.name not in given]
        if missing:
            raise QueryError(f"missing required parameter(s) {', '.join(missing)} for query "
                             f"{self.name}; " + self.describe_params())
        if self.one_of and not any(all(n in given for n in group) for group in self.one_of):
            groups = " or ".join(" and ".join(group) for group in self.one_of)
            raise QueryError(f"query {self.name} needs {groups}; " + self.describe_params())
        bound = {}
        for p in self.params:
            value = given.get(p.name)
            if value is None:
                bound[p.name] = p.default
            elif isinstance(value, str):
                bound[p.name] = p.convert(value)
            else:  # already typed (library callers)
                bound[p.name] = p.convert(str(value).lower() if isinstance(value, bool) else str(value))
            if p.name in NUMBER_PARAMS and bound[p.name]:
                bound[p.name] = canonical_number(p.name, bound[p.name])
            elif p.name in TASK_ID_PARAMS and bound[p.name]:
                bound[p.name] = canonical_task_id(bound[p.name])
        return bound


# Parameters that hold a 发文字号: given in any bracket style (国办发[2018]83号, 国办发 (2018) 83 号),
# looked up in the canonical form the store holds (国办发〔2018〕83号).
NUMBER_PARAMS = ("number",)


def canonical_number(name: str, value: str) -> str:
    """The canonical form; a value that is no 发文字号 is looked up as given (and not found)."""
    from policykg.numbers import canonicalize

    number = canonicalize(value)
    if not number or len(number) < len(value.strip()) - 8:  # not one, or one inside other text
        return value
    return number


# Parameters that hold a task id, `task:` + its document's number + `#` + its place: the number in
# it is canonicalised as a number parameter is (task:国办发[2018]83号#1 → task:国办发〔2018〕83号#1).
TASK_ID_PARAMS = ("task",)


def canonical_task_id(value: str) -> str:
    head, sep, place = value.strip().partition("#")
    if not head.startswith("task:") or not sep:
        return value
    return f"task:{canonical_number('task', head[5:])}#{place}"


# A saved query whose parameter is a key (a number, an agency, a task) looks something up: when it
# returns no row, say whether the key itself is unknown instead of printing an empty table. This
# holds for an optional key too when it is given (trace-task-up's task, or number and label; the
# number that narrows tasks-without-lead to one document). Checked in this order; `label` only
# with a number found.
KEY_LOOKUPS = {
    # by the number indexes of both labels (a match on the number alone scans every node)
    "number": ("OPTIONAL MATCH (d:Document {number: $value}) OPTIONAL MATCH (r:Directive {number: $value}) "
               "RETURN count(d) + count(r) AS found",
               "no document or directive numbered {value} in the store"),
    "agency": ("MATCH (a:Agency) WHERE $value IN a.aliases RETURN count(a) AS found",  # its name is one
               "no agency named {value} in the store"),
    "task": ("MATCH (t:Task {id: $value}) RETURN count(t) AS found", "no task with id {value} in the store"),
    "label": ("OPTIONAL MATCH (d:Document {number: $number})<-[:PART_OF*1..4]-(t) "
              "WHERE t:Task AND t.label = $value RETURN count(t) AS found",
              "no task labelled {value} in {number} in the store"),
}


def unknown_key(store, query: "SavedQuery", bound: dict) -> str:
    """For a query that returned nothing: the first key it was given that the store does not
    hold, said as a sentence; "" when every key is known (an empty answer is then the answer)."""
    given = {p.name for p in query.params if bound.get(p.name)}
    for name, (text, message) in KEY_LOOKUPS.items():
        if name not in given or (name == "label" and "number" not in given):
            continue
        params = {"value": bound[name], "number": bound.get("number") or ""}
        if not store.query(text, params)[0]["found"]:
            return message.format(**params)
    return ""


# A saved query that can answer with thousands of rows returns one page: it takes `skip` and
# `limit` (0: all) parameters and a `total` column, the size of the whole answer, which the runner
# takes out of the rows and states (QueryResult.total; the CLI says it on stderr).
PAGE_TOTAL = "total"

_HEADER = re.compile(r"^//\s*(name|description|param|one-of)\s*:\s*(.*?)\s*$")
_PARAM = re.compile(
    r"^(?P<name>[A-Za-z_]\w*)\s+(?P<type>string|int|float|bool|date)"
    r"(?:\s*=\s*(?P<default>\"[^\"]*\"|\S+))?\s+(?P<example>\S+)\s+(?:—|--|-)\s+(?P<description>.+)$")
_RETURN = re.compile(r"\bRETURN\s+(?:DISTINCT\s+)?(.*?)(?:\bORDER\s+BY\b|\bSKIP\b|\bLIMIT\b|$)",
                     re.S | re.I)


def _strip_comments(text: str) -> str:
    return "\n".join(line.split("//", 1)[0] if not line.lstrip().startswith("//") else ""
                     for line in text.splitlines())


def _split_items(items: str) -> list[str]:
    """Split a projection at the commas that are not inside brackets or quotes."""
    parts, depth, quote, start = [], 0, "", 0
    for i, ch in enumerate(items):
        if quote:
            quote = "" if ch == quote else quote
        elif ch in "'\"`":
            quote = ch
        elif ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
        elif ch == "," and depth == 0:
            parts.append(items[start:i])
            start = i + 1
    parts.append(items[start:])
    return [p.strip() for p in parts if p.strip()]


def _return_columns(text: str) -> tuple[str, ...]:
    """Column names of the final RETURN: each item's alias, or the bare variable it returns."""
    body = _strip_comments(text)
    starts = [m.start() for m in re.finditer(r"\bRETURN\b", body, re.I)]
    if not starts:
        raise QueryError("saved query has no RETURN clause")
    columns = []
    for item in _split_items(_RETURN.match(body, starts[-1]).group(1)):
        alias = re.search(r"\bAS\s+`?([^\s`]+)`?\s*$", item, re.I)
        columns.append(alias.group(1) if alias else item)
    return tuple(columns)


def parse_query(text: str, origin: str = "<text>") -> SavedQuery:
    """Read the header comments of one saved query."""
    fields: dict[str, str] = {}
    params: list[Param] = []
    one_of: tuple[tuple[str, ...], ...] = ()
    for line in text.splitlines():
        m = _HEADER.match(line.strip())
        if not m:
            continue
        key, value = m.groups()
        if key == "one-of":
            one_of = tuple(tuple(g.split()) for g in value.split("|") if g.strip())
            continue
        if key != "param":
            fields[key] = (fields.get(key, "") + " " + value).strip()
            continue
        pm = _PARAM.match(value)
        if not pm:
            raise QueryError(f"{origin}: cannot read parameter line {value!r} "
                             "(want: name type [= default] example — description)")
        default_text = pm["default"]
        default = None
        if default_text is not None:
            try:
                default = json.loads(default_text)
            except json.JSONDecodeError:
                raise QueryError(f"{origin}: default of {pm['name']} is not a JSON literal: "
                                 f"{default_text}") from None
        wrong_type = (not isinstance(default, PYTHON_TYPES[pm["type"]])
                      or (isinstance(default, bool) and pm["type"] != "bool"))
        if default is not None and wrong_type:
            raise QueryError(f"{origin}: default of {pm['name']} is not of type {pm['type']}: "
                             f"{default_text}")
        params.append(Param(pm["name"], pm["type"], pm["example"], pm["description"],
                            required=default_text is None, default=default))
    if "name" not in fields:
        raise QueryError(f"{origin}: no `// name:` header")
    names = {p.name for p in params}
    for group in one_of:
        if not set(group) <= names:
            raise QueryError(f"{origin}: one-of names undeclared parameters: {' '.join(group)}")
    columns = tuple(c for c in _return_columns(text) if c != PAGE_TOTAL)  # stated, not shown
    return SavedQuery(fields["name"], fields.get("description", ""), tuple(params), text, columns, one_of)


def _query_files():
    return sorted((f for f in resources.files(__package__).iterdir() if f.name.endswith(".cypher")),
                  key=lambda f: f.name)


@functools.lru_cache(maxsize=1)
def _shipped() -> tuple[SavedQuery, ...]:
    """The shipped queries, read and parsed once a process (they are package files: reading all
    of them took ~3.5 ms, on every run of every query)."""
    return tuple(sorted((parse_query(f.read_text(encoding="utf-8"), f.name) for f in _query_files()),
                        key=lambda q: q.name))


def list_queries() -> list[SavedQuery]:
    """Every saved query shipped with the package, by name."""
    return list(_shipped())


def get_query(name: str) -> SavedQuery:
    for q in list_queries():
        if q.name == name:
            return q
    names = ", ".join(q.name for q in list_queries())
    raise QueryError(f"no saved query named {name!r}; saved queries: {names}")


def run_query(store, name: str, params: dict[str, str] | None = None) -> QueryResult:
    """Run a saved query read-only; rows come back in the query's RETURN column order."""
    query = get_query(name)
    bound = query.bind(dict(params or {}))
    records = store.query(query.text, bound, read_only=True)
    not_found = unknown_key(store, query, bound) if not records else ""
    columns = list(query.columns)
    if records and set(records[0]) - {PAGE_TOTAL} != set(columns):
        columns = list(records[0])  # the store knows best; the header parse is a fallback
    total = None
    if records and PAGE_TOTAL in records[0]:  # a paged query states its whole answer's size on every row
        if PAGE_TOTAL in columns:
            columns.remove(PAGE_TOTAL)
        total = records[0][PAGE_TOTAL]
    return QueryResult(columns, [[rec.get(c) for c in columns] for rec in records], not_found,
                       total=total, skip=bound.get("skip") or 0)
