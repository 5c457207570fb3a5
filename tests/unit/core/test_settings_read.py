"""Every ``Settings`` field is read by something (issue 10, "honest settings"): a setting nothing reads is a bug.

The sources of ``marketplace/`` and ``rxconfig.py`` are parsed and every attribute read on a settings object is
collected: ``get_settings().x``, ``Settings.from_env(env).x``, ``settings.x`` / ``_settings.x`` /
``self._settings().x`` (any name or call whose name says ``settings``) and ``self.x`` inside ``Settings`` itself
(its properties). Constructing a ``Settings`` (keyword arguments) is not a read.
"""

from __future__ import annotations

import ast
import dataclasses
from pathlib import Path

from marketplace.core.settings import Settings

ROOT = Path(__file__).resolve().parents[3]


def _is_settings(node: ast.expr) -> bool:
    if isinstance(node, ast.Call):
        return _is_settings(node.func)
    if isinstance(node, ast.Name):
        return "settings" in node.id.lower()
    if isinstance(node, ast.Attribute):
        return "settings" in node.attr.lower() or _is_settings(node.value)
    if isinstance(node, ast.BoolOp):
        return any(_is_settings(value) for value in node.values)
    return False


def settings_reads(source: str) -> set[str]:
    """The attribute names read on settings objects in ``source``."""
    tree = ast.parse(source)
    reads = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef) and node.name == "Settings":
            reads |= {n.attr for n in ast.walk(node) if isinstance(n, ast.Attribute)
                      and isinstance(n.value, ast.Name) and n.value.id == "self"}
        elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Load) and _is_settings(node.value):
            reads.add(node.attr)
    return reads


def _all_reads() -> set[str]:
    files = [*sorted((ROOT / "marketplace").rglob("*.py")), ROOT / "rxconfig.py"]
    return set().union(*(settings_reads(f.read_text(encoding="utf-8")) for f in files))


def test_the_scanner_sees_reads_and_not_construction():
    source = """
s = Settings(shipping="x", smtp_host="h")
a = get_settings().payments
b = (settings or get_settings()).production
c = self._settings().stripe_js_url
d = Settings.from_env(env).smtp_port
unrelated.fx_source
"""
    assert settings_reads(source) == {"payments", "production", "stripe_js_url", "smtp_port", "from_env"}


def test_every_settings_field_is_read_by_something():
    reads = _all_reads()
    unread = [f.name for f in dataclasses.fields(Settings) if f.name not in reads]
    assert unread == [], (f"Settings fields nothing reads: {unread} (read them where they act, or remove them "
                          "until something does)")
