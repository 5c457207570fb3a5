"""Where the embedded gateway finds a charge it did not take itself: the stored ``Payment`` row.

Contract: :func:`recover_from(engine_of)` is the ``recover`` callable of
:class:`~marketplace.payments.embedded.EmbeddedGateway`. For an intent id it reads the ``Payment`` of the
embedded gateway with that ``external_id`` and status ``succeeded`` and answers its amount and
``refunded_minor``; anything else (unknown id, another gateway, a payment that did not succeed) is ``None``,
so the gateway says the intent is unknown, as Stripe would. The web app's several worker processes, the
outbox worker and the demo seed each hold their own gateway; with this, a charge taken in one can be
refunded from another and after a restart.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from marketplace.core.money import Money
from marketplace.models import Payment
from marketplace.payments.embedded import Recovered

MAX_ID_LENGTH = 100  # Payment.external_id's column width


def recover_from(engine_of: Callable[[], Engine]) -> Callable[[str], Recovered | None]:
    """The gateway's ``recover``: ``engine_of()`` is called on each miss (the process's engine)."""

    def recover(intent_id: str) -> Recovered | None:
        if not intent_id.startswith("pi_emb_") or len(intent_id) > MAX_ID_LENGTH:
            return None
        with Session(engine_of()) as session:
            payment = session.exec(select(Payment).where(Payment.external_id == intent_id,
                                                         Payment.gateway == "embedded")).first()
        if payment is None or payment.status != "succeeded":
            return None
        return Recovered(amount=Money(payment.amount_minor, payment.amount_currency),
                         refunded=Money(payment.refunded_minor, payment.refunded_currency))

    return recover
