"""The access matrix lists exactly what the app registers: every event handler (on_load handlers and the
built-in ``setvar`` of every state included) and every HTTP route and page, each with a decision for every
role. A handler or route added without its row fails here, and so does a row whose handler is gone."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.security.access_matrix import (
    ROLES,
    MatrixError,
    app_handlers,
    app_routes,
    handler_params,
    load_matrix,
    parse_yaml,
)


@pytest.fixture(scope="module")
def matrix():  # noqa: ANN201
    return load_matrix()


def test_every_handler_of_the_app_has_a_row(matrix):
    missing = sorted(set(app_handlers()) - set(matrix))
    assert not missing, f"event handlers without a row in tests/security/access_matrix.yaml: {missing}"


def test_every_route_and_page_of_the_app_has_a_row(matrix):
    missing = sorted(app_routes() - set(matrix))
    assert not missing, f"HTTP routes/pages without a row in tests/security/access_matrix.yaml: {missing}"


def test_no_row_names_a_handler_or_route_that_no_longer_exists(matrix):
    stale = sorted(set(matrix) - set(app_handlers()) - app_routes())
    assert not stale, f"rows for handlers/routes the app no longer has: {stale}"


def test_every_row_decides_every_role(matrix):
    for row in matrix.values():
        assert set(row.cells) == set(ROLES), row.key
        assert set(row.cells.values()) <= {"allow", "deny"}, row.key


def test_sample_arguments_fit_the_handlers_signature(matrix):
    handlers = app_handlers()
    for key, cls in handlers.items():
        args = matrix[key].args
        params = handler_params(cls, key.split(".", 1)[1])
        if isinstance(args, list):
            assert len(args) <= len(params), f"{key}: {len(args)} sample args for parameters {params}"
        elif isinstance(args, dict):
            assert set(args) <= set(params), f"{key}: sample args {sorted(args)} for parameters {params}"


def test_a_new_handler_without_a_row_is_reported(matrix):
    """The check above can fail: a state added now (as a new page would) is missing from the matrix."""
    import reflex as rx

    class MatrixProbeState(rx.State):
        @rx.event
        def probe(self):
            pass

    try:
        assert {"MatrixProbeState.probe", "MatrixProbeState.setvar"} <= set(app_handlers()) - set(matrix)
    finally:
        rx.State.get_substates().discard(MatrixProbeState)  # leave the registry as the app built it


def test_rows_from_other_branches_are_merged_and_duplicates_refused(tmp_path: Path):
    (tmp_path / "access_matrix.yaml").write_text("A.load: {all: allow}\n")
    (tmp_path / "matrix_rows_x.yaml").write_text("B.pay:\n  anonymous: deny\n  others: allow\n")
    rows = load_matrix(tmp_path)
    assert rows["B.pay"].cells["anonymous"] == "deny" and rows["B.pay"].cells["admin"] == "allow"
    (tmp_path / "matrix_rows_y.yaml").write_text("A.load: {all: deny}\n")
    with pytest.raises(MatrixError, match="already listed"):
        load_matrix(tmp_path)


def test_a_row_missing_a_role_is_refused(tmp_path: Path):
    (tmp_path / "access_matrix.yaml").write_text("A.load: {anonymous: deny, shopper: allow}\n")
    with pytest.raises(MatrixError, match="shopper_b"):
        load_matrix(tmp_path)


def test_the_yaml_subset_parser():
    text = """
# comment
A.b:   # trailing comment
  args: [1, "two, three", {k: 'v'}, true, null]
  note: "a # not a comment"
  list:
    - x
    - 2
C.d: {all: allow, page: /p/x}
"""
    assert parse_yaml(text) == {
        "A.b": {"args": [1, "two, three", {"k": "v"}, True, None], "note": "a # not a comment", "list": ["x", 2]},
        "C.d": {"all": "allow", "page": "/p/x"},
    }
    with pytest.raises(MatrixError):
        parse_yaml("A: {unclosed: 1\n")
