"""Every money column is a 64-bit integer of minor units paired with an ISO currency column; nothing is float."""

from __future__ import annotations

import re

from sqlalchemy import BigInteger, Float, Numeric, String

import marketplace.models as models

MONEY_WORDS = re.compile(r"(price|amount|total|cost|duty|tax|fee|subtotal|refund|payout|balance|goods|shipping)")
# columns whose names carry a money word but hold no amount: the seller's tax id and bank account details
NOT_AMOUNTS = {("vendors", name) for name in ("tax_id_scheme", "tax_id_checked_at", "payout_method", "payout_holder",
                                               "payout_account", "payout_routing", "payout_bic")}


def _columns():
    for table in models.metadata.sorted_tables:
        for column in table.columns:
            yield table.name, column


def test_every_minor_column_is_bigint_and_has_a_three_letter_currency_partner():
    checked = 0
    for table_name, column in _columns():
        if column.name.endswith("_minor"):
            checked += 1
            assert isinstance(column.type, BigInteger), f"{table_name}.{column.name} must be BigInteger"
            partner = column.table.columns.get(column.name.removesuffix("_minor") + "_currency")
            assert partner is not None, f"{table_name}.{column.name} has no currency column"
            assert isinstance(partner.type, String) and partner.type.length == 3
            assert partner.nullable == column.nullable, f"{table_name}.{column.name}: nullability differs"
    assert checked >= 20  # orders, lines, payments, shipments, variants all carry money


def test_no_column_anywhere_is_a_float():
    for table_name, column in _columns():
        assert not isinstance(column.type, Float), f"{table_name}.{column.name} is a float"
        if isinstance(column.type, Numeric):
            assert column.type.asdecimal, f"{table_name}.{column.name} would return floats"


def test_money_named_columns_are_minor_units_or_currencies():
    for table_name, column in _columns():
        name = column.name
        if (table_name, name) in NOT_AMOUNTS:
            assert not isinstance(column.type, (Float, Numeric, BigInteger)), f"{table_name}.{name} holds a number"
            continue
        if MONEY_WORDS.search(name) and not name.endswith(("_minor", "_currency", "_id", "_status", "_country")):
            raise AssertionError(f"{table_name}.{name} looks like money but is not a minor-unit column")
