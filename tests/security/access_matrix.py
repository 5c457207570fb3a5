"""The access matrix: every Reflex event handler and every HTTP route of the app, × every role → allow | deny.

Contract:
- The matrix lives in ``access_matrix.yaml`` beside this module, plus any ``matrix_rows_*.yaml`` files in
  this folder (rows other branches add; the loader merges them, a key defined twice is an error). Fold a
  ``matrix_rows_*.yaml`` into the main file by moving its rows over; nothing else needs changing.
- A row is keyed by ``StateClass.handler`` (an event handler, ``on_load`` handlers and the built-in ``setvar``
  included) or by ``METHOD /path`` (``GET /ping``, ``WS /_event``, ``MOUNT /media``, ``PAGE /seller`` for a
  page of the compiled frontend). Its keys:
    - one per role in :data:`ROLES` with ``allow`` or ``deny``; ``all:`` sets every role, ``others:`` every
      role the row does not name;
    - ``args``: sample arguments (a list in the handler's parameter order, or a mapping), hostile where useful
      (strings like ``"$shopper_address"`` are replaced by the e2e test with another user's real ids, see
      tests/e2e/test_access_matrix.py);
    - ``page``: the page the event is sent from (``/account/orders/$shopper_order``) — on_load handlers and
      route parameters read it;
    - ``shows``: a text (placeholders allowed) that an allowed call must send back — proof that the row's
      sample arguments really reach the data, so its denied cells are not refused for a wrong argument;
    - ``mutates: true`` when an allowed call changes stored data (the e2e test then calls only its denied
      cells, so the shared demo data stays as other tests expect it);
    - ``note``: why.
  "deny" means: the call must change nothing stored and reveal no other user's data (a redirect to log in, a
  refusal message, or nothing at all). "allow" means the role may use it (on its own data).
- :func:`app_handlers` and :func:`app_routes` enumerate what the running app really registers;
  tests/security/test_matrix_complete.py fails when the two disagree.
- The YAML is read by a small parser for the subset used here (block mappings, ``- `` lists, flow ``[...]``
  and ``{...}``, quoted and plain scalars, comments), because PyYAML is not a dependency; anything else is a
  loud :class:`MatrixError`.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent
MAIN_FILE = HERE / "access_matrix.yaml"
ROLES = ("anonymous", "shopper", "shopper_b", "seller_a", "seller_a_packer", "seller_b", "staff", "staff_support",
         "staff_finance", "admin")  # staff: a moderator (accounts.staff_roles); staff_support, staff_finance
DECISIONS = ("allow", "deny")
META_KEYS = {"args", "page", "mutates", "note", "shows", "all", "others"}


class MatrixError(ValueError):
    """The matrix file is malformed or a row is incomplete."""


@dataclass(frozen=True)
class Row:
    key: str
    cells: dict[str, str]
    args: Any = None
    page: str = "/"
    mutates: bool = False
    note: str = ""
    shows: str = ""
    source: str = field(default="", compare=False)

    @property
    def is_route(self) -> bool:
        return " " in self.key


# ---------------------------------------------------------------------------------------------- YAML subset

def _strip_comment(line: str) -> str:
    quote = None
    for i, ch in enumerate(line):
        if quote:
            if ch == quote:
                quote = None
        elif ch in "\"'":
            quote = ch
        elif ch == "#" and (i == 0 or line[i - 1] in " \t"):
            return line[:i].rstrip()
    return line.rstrip()


_PLAIN_END = re.compile(r"[,\]}]")


def _scalar(text: str) -> Any:
    text = text.strip()
    if text.startswith('"'):
        return json.loads(text)
    if text.startswith("'"):
        return text[1:-1].replace("''", "'")
    if text in ("true", "True"):
        return True
    if text in ("false", "False"):
        return False
    if text in ("null", "~", ""):
        return None
    if re.fullmatch(r"-?\d+", text):
        return int(text)
    return text


def _flow(text: str, pos: int = 0) -> tuple[Any, int]:
    """Parse one flow value at ``text[pos:]``; returns (value, position after it)."""
    while pos < len(text) and text[pos] == " ":
        pos += 1
    if pos >= len(text):
        raise MatrixError(f"unexpected end of flow value: {text!r}")
    ch = text[pos]
    if ch in "[{":
        close, items, mapping = ("]" if ch == "[" else "}"), [], {}
        pos += 1
        while True:
            while pos < len(text) and text[pos] in " ,":
                pos += 1
            if pos >= len(text):
                raise MatrixError(f"unclosed {ch!r} in {text!r}")
            if text[pos] == close:
                return (items if ch == "[" else mapping), pos + 1
            if ch == "[":
                value, pos = _flow(text, pos)
                items.append(value)
            else:
                key, pos = _flow_key(text, pos)
                value, pos = _flow(text, pos)
                mapping[key] = value
    if ch in "\"'":
        end = pos + 1
        while end < len(text):
            if text[end] == "\\" and ch == '"':
                end += 2
                continue
            if text[end] == ch:
                break
            end += 1
        return _scalar(text[pos:end + 1]), end + 1
    match = _PLAIN_END.search(text, pos)
    end = match.start() if match else len(text)
    return _scalar(text[pos:end]), end


def _flow_key(text: str, pos: int) -> tuple[str, int]:
    colon = text.find(":", pos)
    if colon < 0:
        raise MatrixError(f"a flow mapping entry needs 'key: value': {text!r}")
    key = _scalar(text[pos:colon])
    return str(key), colon + 1


def _value(text: str) -> Any:
    text = text.strip()
    if text[:1] in "[{":
        value, end = _flow(text)
        if text[end:].strip():
            raise MatrixError(f"text after a flow value: {text!r}")
        return value
    return _scalar(text)


def _split_key(content: str) -> tuple[str, str]:
    if content[:1] in "\"'":
        key, end = _flow(content)
        rest = content[end:].lstrip()
        if not rest.startswith(":"):
            raise MatrixError(f"expected ':' after {key!r}")
        return str(key), rest[1:]
    match = re.match(r"([^:]+?):(\s|$)", content)
    if not match:
        raise MatrixError(f"expected 'key: value', got {content!r}")
    return match.group(1).strip(), content[match.end():]


def parse_yaml(text: str) -> Any:
    lines = []
    for number, raw in enumerate(text.splitlines(), 1):
        if "\t" in raw[: len(raw) - len(raw.lstrip())]:
            raise MatrixError(f"line {number}: tabs in indentation")
        line = _strip_comment(raw)
        if line.strip() and line.strip() != "---":
            lines.append((len(line) - len(line.lstrip()), line.strip(), number))
    value, index = _block(lines, 0, 0)
    if index != len(lines):
        raise MatrixError(f"line {lines[index][2]}: unexpected indentation")
    return value


def _block(lines: list, index: int, indent: int) -> tuple[Any, int]:
    if index >= len(lines):
        return None, index
    if lines[index][1].startswith("- ") or lines[index][1] == "-":
        items = []
        while index < len(lines) and lines[index][0] == indent and lines[index][1][:1] == "-":
            items.append(_value(lines[index][1][1:]))
            index += 1
        return items, index
    mapping: dict[str, Any] = {}
    while index < len(lines) and lines[index][0] == indent:
        _, content, number = lines[index]
        try:
            key, rest = _split_key(content)
        except MatrixError as exc:
            raise MatrixError(f"line {number}: {exc}") from None
        if key in mapping:
            raise MatrixError(f"line {number}: {key!r} appears twice")
        index += 1
        if rest.strip():
            mapping[key] = _value(rest)
        elif index < len(lines) and lines[index][0] > indent:
            mapping[key], index = _block(lines, index, lines[index][0])
        else:
            mapping[key] = None
    return mapping, index


# ---------------------------------------------------------------------------------------------- the matrix

def _row(key: str, spec: Any, source: str) -> Row:
    if not isinstance(spec, dict):
        raise MatrixError(f"{source}: row {key!r} must be a mapping of role -> allow|deny")
    unknown = set(spec) - set(ROLES) - META_KEYS
    if unknown:
        raise MatrixError(f"{source}: row {key!r} has unknown keys {sorted(unknown)} (roles are {ROLES})")
    cells: dict[str, str] = {}
    for role in ROLES:
        decision = spec.get(role, spec.get("others", spec.get("all")))
        if decision not in DECISIONS:
            raise MatrixError(f"{source}: row {key!r} decides nothing (or {decision!r}) for role {role!r}")
        cells[role] = decision
    if "all" in spec and set(spec) & set(ROLES):
        raise MatrixError(f"{source}: row {key!r} mixes 'all' with single roles (use 'others')")
    return Row(key=key, cells=cells, args=spec.get("args"), page=spec.get("page") or "/",
               mutates=bool(spec.get("mutates")), note=spec.get("note") or "", shows=str(spec.get("shows") or ""),
               source=source)


_SECTIONS = ("handlers", "routes")


def load_matrix(folder: Path = HERE) -> dict[str, Row]:
    """Every row of ``access_matrix.yaml`` and ``matrix_rows_*.yaml`` in ``folder``, by key."""
    rows: dict[str, Row] = {}
    files = [folder / MAIN_FILE.name, *sorted(folder.glob("matrix_rows_*.yaml"))]
    for path in files:
        if not path.exists():
            continue
        data = parse_yaml(path.read_text(encoding="utf-8")) or {}
        if not isinstance(data, dict):
            raise MatrixError(f"{path.name}: the top level must be a mapping")
        flat: list[tuple[str, Any]] = []
        for key, spec in data.items():
            if key in _SECTIONS:
                flat.extend((spec or {}).items())
            else:
                flat.append((key, spec))
        for key, spec in flat:
            if key in rows:
                raise MatrixError(f"{path.name}: {key!r} is already listed in {rows[key].source}")
            rows[key] = _row(key, spec, path.name)
    return rows


# ---------------------------------------------------------------------------------------------- the app

def _state_classes():  # noqa: ANN202
    import reflex as rx

    import marketplace.marketplace  # noqa: F401 - registers every page and state

    found, todo = [rx.State], [rx.State]
    while todo:
        for sub in todo.pop().get_substates():
            found.append(sub)
            todo.append(sub)
    return found


def app_handlers() -> dict[str, Any]:
    """``StateClass.handler`` -> the state class, for every event handler the app registers."""
    handlers: dict[str, Any] = {}
    for cls in _state_classes():
        for name in cls.event_handlers:
            key = f"{cls.__name__}.{name}"
            if key in handlers and handlers[key] is not cls:
                raise MatrixError(f"two state classes are named {cls.__name__}; the matrix keys need unique names")
            handlers[key] = cls
    return handlers


def app_routes() -> set[str]:
    """``METHOD /path`` for every HTTP route the backend serves, and ``PAGE /route`` for every page."""
    from reflex_components_core.core.upload import Upload
    from starlette.routing import Mount

    from marketplace.marketplace import app

    keys: set[str] = set()
    transformers = app.api_transformer if isinstance(app.api_transformer, list | tuple) else [app.api_transformer]
    mounted = [route for t in transformers for route in getattr(t, "routes", [])]  # the Starlette ones (not middleware)
    routes = [*app._api.routes, *mounted]  # noqa: SLF001 - Reflex keeps its own routes here
    for route in routes:
        path = route.path
        if isinstance(route, Mount):
            keys.add(f"{'WS' if path == '/_event' else 'MOUNT'} {path}")
            continue
        keys.update(f"{method} {path}" for method in (route.methods or {"GET"}) if method != "HEAD")
    if not Upload.is_used:  # set while a page builds an upload component, as the compiled app does
        for page in app._unevaluated_pages.values():  # noqa: SLF001
            page.component() if callable(page.component) else page.component  # noqa: B018
    if Upload.is_used:  # Reflex adds POST /_upload and the /_upload files only when an upload component exists
        keys.update({"POST /_upload", "MOUNT /_upload"})
    for page in app._unevaluated_pages:  # noqa: SLF001
        keys.add(f"PAGE /{'' if page == 'index' else page}")
    return keys


def handler_params(state_cls: Any, name: str) -> list[str]:
    """The parameter names of a handler (after ``self``), to map positional sample args to the payload."""
    import inspect

    if name == "setvar":
        return ["var_name", "value"]
    fn = state_cls.event_handlers[name].fn
    return [p for p in inspect.signature(fn).parameters if p != "self"]
