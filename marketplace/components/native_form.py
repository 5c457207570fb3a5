"""A plain HTML ``<form>`` that the browser submits to a backend route.

Reflex's ``rx.el.form`` always installs a submit handler that prevents the browser's own submission; the
log-in, registration and log-out forms must really POST (the response sets an HttpOnly cookie), so they use
this element instead.
"""

from __future__ import annotations

from reflex_base.components.component import field
from reflex_base.vars.base import Var
from reflex_components_core.el.elements.base import BaseHTML


class NativeForm(BaseHTML):
    """``<form action method>`` with no client-side interception."""

    tag = "form"

    action: Var[str] = field(doc="URL the browser posts the form to")
    method: Var[str] = field(doc="HTTP method")


native_form = NativeForm.create
