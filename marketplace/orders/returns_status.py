"""What a return request is, where it stands, and the ONE table of moves between its statuses.

Contract:
- :class:`ReturnKind`: what the shopper wants; :class:`ReturnReason`: why (one per line, required);
  :class:`ReturnStatus`: where the request stands (``ReturnRequest.status``).
- ``ALLOWED[current]`` is the set of statuses ``current`` may move to; ``OPEN`` the statuses in which the
  request still holds the order open (``fulfilment_tracking.complete_due`` does not complete such an order);
  ``COUNTED`` the statuses whose lines count as returned (every one but ``declined``).
- ``CLOSING[kind]`` is the final status a received request of that kind goes to.
Nothing here touches the database.
"""

from __future__ import annotations

from enum import StrEnum


class ReturnKind(StrEnum):
    RETURN = "return"  # goods back, money back
    EXCHANGE = "exchange"  # goods back, the same item sent again at no charge
    REPAIR = "repair"  # goods back, repaired and sent back


class ReturnReason(StrEnum):
    DAMAGED = "damaged"  # arrived broken or damaged
    DEFECTIVE = "defective"  # does not work
    WRONG_ITEM = "wrong_item"  # not what was ordered
    NOT_AS_DESCRIBED = "not_as_described"  # differs from the listing
    DOES_NOT_FIT = "does_not_fit"  # size or fit
    CHANGED_MIND = "changed_mind"  # no longer wanted (the EU withdrawal right needs no reason beyond this)


class ReturnStatus(StrEnum):
    REQUESTED = "requested"  # the shopper asked; the seller has not answered
    APPROVED = "approved"  # the seller agreed; the return label is issued
    DECLINED = "declined"  # the seller refused (with a reason); final
    IN_TRANSIT = "in_transit"  # the shopper sent the parcel back
    RECEIVED = "received"  # the seller has the goods back
    REFUNDED = "refunded"  # money back (return); final
    EXCHANGED = "exchanged"  # the replacement was sent (exchange); final
    REPAIRED = "repaired"  # the repaired item was sent back (repair); final


_S = ReturnStatus
ALLOWED: dict[str, frozenset[str]] = {
    _S.REQUESTED: frozenset({_S.APPROVED, _S.DECLINED}),
    _S.APPROVED: frozenset({_S.IN_TRANSIT, _S.RECEIVED}),
    _S.IN_TRANSIT: frozenset({_S.RECEIVED}),
    _S.RECEIVED: frozenset({_S.REFUNDED, _S.EXCHANGED, _S.REPAIRED}),
    _S.DECLINED: frozenset(),
    _S.REFUNDED: frozenset(),
    _S.EXCHANGED: frozenset(),
    _S.REPAIRED: frozenset(),
}
OPEN = frozenset({_S.REQUESTED, _S.APPROVED, _S.IN_TRANSIT, _S.RECEIVED})
COUNTED = frozenset(s for s in ReturnStatus if s != _S.DECLINED)
CLOSING = {ReturnKind.RETURN: _S.REFUNDED, ReturnKind.EXCHANGE: _S.EXCHANGED, ReturnKind.REPAIR: _S.REPAIRED}
EVENT_KIND = "return"  # OrderEvent.kind of a return request's move


def can_move(current: str, target: str) -> bool:
    return target in ALLOWED.get(current, frozenset())
