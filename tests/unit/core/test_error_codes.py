"""Error codes (``marketplace/<domain>/error_codes.py``, Saleor's pattern) and the one translator to text.

- Every error-code enum is a ``StrEnum`` without aliases; a value two enums share names the same thing.
- Every ``DomainError`` subclass defaults to a member of one of those enums (or ``CommonErrorCode``), and in a
  package that has an ``error_codes.py`` it names a code of its own rather than the bare ``invalid``.
- In such a package every ``DomainError``/``ValidationError``/``NotFound``/``PermissionDenied``/``Throttled``
  built directly passes ``code=`` a member of an error-code enum (``NotAuthenticated`` says all it needs to).
- ``problem_text`` fills a problem's params and uses the reader's language.
"""

from __future__ import annotations

import ast
import importlib
import pkgutil
from enum import StrEnum
from pathlib import Path

import pytest

import marketplace
from marketplace.core import errors
from marketplace.core.errors import CommonErrorCode, DomainError, Problem, ValidationError
from marketplace.orders.error_codes import OrderErrorCode
from marketplace.present.problems import problem_text, problem_texts

ROOT = Path(marketplace.__file__).parent
# packages that import Reflex (pages and their states) hold no domain errors of their own
_UI = {"pages", "state", "components", "layouts", "marketplace"}
_GENERIC = {"DomainError", "ValidationError", "NotFound", "PermissionDenied", "Throttled"}


def _code_packages() -> list[str]:
    return sorted(p.parent.name for p in ROOT.glob("*/error_codes.py"))


def _code_enums() -> list[type[StrEnum]]:
    enums: list[type[StrEnum]] = [CommonErrorCode]
    for package in _code_packages():
        module = importlib.import_module(f"marketplace.{package}.error_codes")
        enums += [v for v in vars(module).values()
                  if isinstance(v, type) and issubclass(v, StrEnum) and v.__module__ == module.__name__]
    return enums


def _import_non_ui_modules() -> None:
    for info in pkgutil.walk_packages([str(ROOT)], prefix="marketplace."):
        if info.name.split(".")[1] not in _UI:
            importlib.import_module(info.name)


def _subclasses(cls: type) -> list[type]:
    found = []
    for sub in cls.__subclasses__():
        found += [sub, *_subclasses(sub)]
    return found


def test_every_domain_that_raises_has_an_error_code_enum():
    assert {"accounts", "catalog", "orders", "payments", "support", "vendors"} <= set(_code_packages())


def test_error_code_enums_have_no_aliases_and_shared_values_mean_the_same():
    seen: dict[str, tuple[str, str]] = {}
    for enum in _code_enums():
        assert issubclass(enum, StrEnum), enum
        assert len(enum.__members__) == len(list(enum)), f"{enum.__name__} has aliases (two members, one value)"
        for member in enum:
            assert member.value == member.value.lower() and " " not in member.value, member
            if member.value in seen:
                other_enum, other_name = seen[member.value]
                assert other_name == member.name, (f"{enum.__name__}.{member.name} and {other_enum}.{other_name} "
                                                   f"share the value {member.value!r}")
            seen[member.value] = (enum.__name__, member.name)


def test_every_domain_error_class_defaults_to_an_enum_code():
    _import_non_ui_modules()
    members = {member for enum in _code_enums() for member in enum}
    with_codes = set(_code_packages())
    classes = _subclasses(DomainError)
    assert any(cls.__module__.startswith("marketplace.accounts.") for cls in classes)
    for cls in classes:
        assert isinstance(cls.default_code, StrEnum) and cls.default_code in members, cls
        package = cls.__module__.split(".")[1]
        if package in with_codes and package != "core":
            assert cls.default_code is not CommonErrorCode.INVALID, f"{cls.__qualname__} needs a default_code"


def _generic_calls_without_code(source: str, where: str) -> list[str]:
    tree = ast.parse(source)
    bad = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in _GENERIC):
            continue
        code = next((kw.value for kw in node.keywords if kw.arg == "code"), None)
        names_a_member = (isinstance(code, ast.Attribute) and isinstance(code.value, ast.Name)
                          and code.value.id.endswith("ErrorCode"))
        if not names_a_member:
            bad.append(f"{where}:{node.lineno} {node.func.id}(...) without code=")
    return bad


def test_errors_raised_in_domains_with_codes_name_their_code():
    files = [f for package in _code_packages() for f in sorted((ROOT / package).rglob("*.py"))]
    files.append(ROOT / "core" / "text.py")
    assert len(files) > 20
    bad = [problem for path in files
           for problem in _generic_calls_without_code(path.read_text(encoding="utf-8"), str(path.relative_to(ROOT)))]
    assert not bad, "\n".join(bad)


def test_the_static_check_sees_a_raise_without_a_code():
    sample = ('def f():\n    raise ValidationError("x")\n\n\ndef g():\n'
              '    raise NotFound("y", code=AccountErrorCode.ADDRESS_NOT_FOUND)\n\n\ndef h():\n'
              '    raise PermissionDenied("z", code="denied")\n')
    assert _generic_calls_without_code(sample, "sample.py") == ["sample.py:2 ValidationError(...) without code=",
                                                                "sample.py:10 PermissionDenied(...) without code="]


def test_an_error_carries_code_field_and_params_into_its_problem():
    exc = ValidationError("Use at least %(min)s characters for your password.", field="password", min=10)
    assert exc.code is CommonErrorCode.INVALID
    assert exc.problem == Problem(CommonErrorCode.INVALID, exc.message, "password", {"min": 10})
    assert errors.NotFound("x").code is CommonErrorCode.NOT_FOUND


def test_problem_text_fills_params_in_english_and_german():
    exc = ValidationError("Use at least %(min)s characters for your password.", code=CommonErrorCode.INVALID, min=10)
    assert problem_text("en", exc) == "Use at least 10 characters for your password."
    assert problem_text("de", exc) == "Ihr Passwort muss mindestens 10 Zeichen lang sein."
    problem = Problem(OrderErrorCode.OUT_OF_STOCK, "Only %(stock)s left in stock.", "quantity", {"stock": 3})
    assert problem_text("de", problem) == "Nur noch 3 auf Lager."
    assert problem_texts("en", [problem, exc.problem]) == ["Only 3 left in stock.",
                                                          "Use at least 10 characters for your password."]


def test_problem_text_falls_back_to_english_for_unknown_languages_and_text():
    problem = Problem(CommonErrorCode.INVALID, "A message nobody translated: %(n)s.", None, {"n": 2})
    assert problem_text("de", problem) == "A message nobody translated: 2."
    assert problem_text("xx", Problem(OrderErrorCode.OUT_OF_STOCK, "Only %(stock)s left in stock.",
                                      params={"stock": 1})) == "Only 1 left in stock."


def test_problem_needs_an_enum_code():
    with pytest.raises(TypeError):
        Problem("out_of_stock", "Only %(stock)s left in stock.")  # type: ignore[arg-type]
