"""A charge taken by one embedded gateway (another web worker, the seed, an earlier run) can be refunded by
another one, found through its stored Payment row; on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import Session

from marketplace.core.money import Money
from marketplace.models import Payment
from marketplace.payments.embedded import EmbeddedGateway
from marketplace.payments.embedded_recovery import recover_from
from marketplace.payments.gateway import CardDetails, UnknownIntent
from tests import factories, factories_account

CARD = CardDetails(number="4242 4242 4242 4242", exp_month=12, exp_year=2030, cvc="123")


def _charge(db_engine, *, gateway_name: str = "embedded", status: str = "succeeded", refunded: int = 0) -> str:
    taker = EmbeddedGateway(today=lambda: date(2026, 6, 15))
    intent = taker.create_intent(Money(7_512, "EUR"), idempotency_key="create", metadata={}, capture=True)
    taker.confirm(intent.id, CARD, idempotency_key="confirm")
    with Session(db_engine) as session:
        shopper = factories.user(session)
        vendor = factories.vendor(session)
        group = factories_account.order(session, shopper, [(vendor, [(factories.product(
            session, vendor, factories.category(session)), 1)])])
        session.add(Payment(group_id=group.id, gateway=gateway_name, external_id=intent.id, status=status,
                            amount_minor=7_512, amount_currency="EUR", refunded_minor=refunded,
                            refunded_currency="EUR"))
        session.commit()
    return intent.id


def _other_process(db_engine) -> EmbeddedGateway:
    return EmbeddedGateway(recover=recover_from(lambda: db_engine))


def test_another_gateway_refunds_a_stored_charge_up_to_what_is_left(db_engine):
    intent_id = _charge(db_engine, refunded=1_000)
    gateway = _other_process(db_engine)
    assert gateway.retrieve(intent_id).amount == Money(7_512, "EUR")
    assert gateway.refund(intent_id, Money(6_512, "EUR"), idempotency_key="r1").status == "succeeded"
    with pytest.raises(ValueError, match="at most"):
        gateway.refund(intent_id, Money(1, "EUR"), idempotency_key="r2")


@pytest.mark.parametrize("kind", ["stripe", "failed", "unknown"])
def test_a_charge_not_on_record_as_an_embedded_success_stays_unknown(db_engine, kind):
    intent_id = _charge(db_engine, gateway_name="stripe" if kind == "stripe" else "embedded",
                        status="failed" if kind == "failed" else "succeeded")
    with pytest.raises(UnknownIntent):
        _other_process(db_engine).refund("pi_emb_nothere" if kind == "unknown" else intent_id, Money(1, "EUR"),
                                         idempotency_key="r")


def test_without_recovery_a_gateway_knows_only_its_own_charges(db_engine):
    intent_id = _charge(db_engine)
    with pytest.raises(UnknownIntent):
        EmbeddedGateway().refund(intent_id, Money(1, "EUR"), idempotency_key="r")
