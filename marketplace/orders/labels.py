"""Buying a packed parcel's shipping label from a carrier, with its customs documents.

Contract:
- :func:`shipment_request_for(session, vendor_order, shipment, ship_from=None)` -> ``(ShipmentRequest,
  problems)``: the sender is the vendor (legal name, city, country; the vendor model keeps no street or postal
  code yet, so ``ship_from``, the seller's dispatch address, replaces it when given), the recipient the order
  group's delivery address (with its phone and e-mail), the parcel the packed :class:`Shipment`'s dimensions
  and weight, the service the shopper chose at checkout (the frozen quote's parcel for this vendor; ``None``
  when none is stored), the order's incoterm, the order number as reference, rates in the vendor's currency,
  and, when the parcel crosses a customs border, the lines of ``customs_data.declaration_of``. ``problems``
  is every fixable problem at once: the carrier's ``request_problems`` and the customs data's
  ``CustomsDataIncomplete.problems``, each field once (a customs problem that makes the carrier's "declare
  the contents" moot replaces it).
- :func:`label_rates(session, caller, vendor_order_id, carrier)` -> every service's :class:`Rate` for the
  packed parcel, cheapest first; :func:`chosen_service` the shopper's choice.
- :func:`buy_label(session, caller, vendor_order_id, carrier, store, service=None, ship_from=None)`: for a
  seller of the order's vendor or staff (``fulfilment_access``: others ``not_your_order``); the order must be
  ``processing`` with a packed shipment still ``label_pending`` (``shipment_state``). Problems raise one
  :class:`LabelDataIncomplete` (``label_data_incomplete``, ``.problems`` listing all) before the carrier is
  asked to sell anything. It buys the cheapest rate of ``service`` (default: the shopper's choice; any when
  none), stores the label PDF and, when customs applies, the customs form (CN22/CN23) and the commercial
  invoice through ``store`` in one folder named by :func:`core.files.private_name` (see
  :func:`documents_of`), and records the label with ``fulfilment.record_label`` (the shipment becomes
  ``label_created``). Carrier refusals propagate as ``CarrierError`` (``CarrierErrorCode``). Flushes in the
  caller's transaction; the caller commits (on SQLite inside ``immediate_scope``). A label bought but not
  recorded (the transaction fails afterwards) stays voidable at the carrier until its acceptance scan.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from sqlmodel import Session, select

from marketplace.accounts.address_format import PostalAddress
from marketplace.accounts.seller_roles import Capability
from marketplace.accounts.service import Caller
from marketplace.core.errors import Problem, ValidationError
from marketplace.core.files import DocumentStore, private_name
from marketplace.core.i18n import N_
from marketplace.documents.customs import cn22_pdf, commercial_invoice_pdf
from marketplace.documents.customs_values import CustomsDeclaration
from marketplace.models import CheckoutSession, OrderGroup, Shipment, Vendor, VendorOrder
from marketplace.orders.carriers import (
    Address,
    Carrier,
    CarrierError,
    CustomsLine,
    Incoterm,
    Label,
    Parcel,
    Rate,
    ShipmentRequest,
    request_problems,
)
from marketplace.orders.customs_data import CustomsDataIncomplete, CustomsNotRequired, declaration_of
from marketplace.orders.error_codes import CarrierErrorCode, OrderErrorCode
from marketplace.orders.fulfilment import ShipmentStatus, current_shipment, record_label
from marketplace.orders.fulfilment_access import order_for_seller_or_staff
from marketplace.orders.ship_from import vendor_address
from marketplace.orders.status import OrderStatus
from marketplace.payments.ledger import lock_vendor_order

LABEL_FILE, CUSTOMS_FILE, INVOICE_FILE = "label.pdf", "customs.pdf", "invoice.pdf"


class LabelDataIncomplete(ValidationError):
    """Address, parcel or customs data the seller (or staff) must fix first; ``problems`` lists them all."""

    default_code = OrderErrorCode.LABEL_DATA_INCOMPLETE

    def __init__(self, problems: list[Problem] | tuple[Problem, ...]) -> None:
        super().__init__(N_("Fix these problems before buying the label (%(count)s to fix)."),
                         code=OrderErrorCode.LABEL_DATA_INCOMPLETE, count=len(problems))
        self.problems = tuple(problems)


@dataclass(frozen=True)
class BoughtLabel:
    shipment: Shipment
    label: Label
    documents: dict[str, str]  # "label" | "customs" | "invoice" -> the stored name


def chosen_service(session: Session, order: VendorOrder) -> str | None:
    """The service the shopper chose for this vendor's parcel at checkout (its frozen quote), if stored."""
    quote = session.exec(select(CheckoutSession.quote).where(CheckoutSession.order_group_id == order.group_id)
                         .order_by(CheckoutSession.created_at.desc())).first()
    for parcel in (quote or {}).get("parcels", []):
        if parcel.get("vendor_id") == order.vendor_id and parcel.get("service"):
            return str(parcel["service"])
    return None


def _recipient(group: OrderGroup) -> Address:
    stored = PostalAddress.from_stored(group.delivery_address, group.ship_to_country or "")
    street = [*stored.street_address.splitlines(), stored.address_line2]
    return Address(name=stored.name, street=tuple(street), city=stored.city, postal_code=stored.postal_code,
                   country=stored.country, region=stored.country_area, company=stored.company_name,
                   phone=group.phone or stored.phone, email=group.email or "")


def _sender(vendor: Vendor) -> Address:
    stored = vendor_address(vendor)
    return Address(name=stored.name, street=tuple(stored.street_address.splitlines()), city=stored.city,
                   postal_code=stored.postal_code, country=stored.country, region=stored.country_area,
                   phone=stored.phone)


def _customs(session: Session, order: VendorOrder) -> tuple[CustomsDeclaration | None, list[Problem]]:
    try:
        return declaration_of(session, order), []
    except CustomsNotRequired:
        return None, []
    except CustomsDataIncomplete as incomplete:
        return None, list(incomplete.problems)


def _lines(declaration: CustomsDeclaration | None) -> tuple[CustomsLine, ...]:
    if declaration is None:
        return ()
    return tuple(CustomsLine(description=item.description, hs_code=item.hs_code, origin_country=item.origin_country,
                             quantity=item.quantity, value=item.value, weight_g=item.net_weight_g)
                 for item in declaration.declaration.items)


_ADDRESS_ALIASES = {"street_address": "street", "country_area": "region"}  # address-form name -> carrier name


def _same_field(field: str | None) -> str | None:
    """One key for a field the carrier and the customs form name differently (``sender.street_address``)."""
    party, dot, name = (field or "").partition(".")
    return f"{party}.{_ADDRESS_ALIASES.get(name, name)}" if dot else field


def _merged(carrier_problems: list[Problem], customs_problems: list[Problem]) -> list[Problem]:
    merged: list[Problem] = []
    seen: set[str | None] = set()
    for problem in carrier_problems:
        if customs_problems and (problem.field or "").startswith("customs"):
            continue  # the customs data's own problems say what is missing
        merged.append(problem)
        seen.add(_same_field(problem.field))
    merged += [problem for problem in customs_problems if _same_field(problem.field) not in seen]
    return merged


def _build(session: Session, order: VendorOrder, shipment: Shipment, ship_from: Address | None,
           ) -> tuple[ShipmentRequest, list[Problem], CustomsDeclaration | None]:
    group = session.get(OrderGroup, order.group_id)
    vendor = session.get(Vendor, order.vendor_id)
    declaration, customs_problems = _customs(session, order)
    request = ShipmentRequest(
        sender=ship_from or _sender(vendor), recipient=_recipient(group),
        parcel=Parcel(shipment.length_mm, shipment.width_mm, shipment.height_mm, shipment.weight_g),
        service=chosen_service(session, order), incoterm=Incoterm(order.incoterm), customs=_lines(declaration),
        reference=order.number, currency=vendor.currency)
    return request, _merged(request_problems(request), customs_problems), declaration


def shipment_request_for(session: Session, vendor_order: VendorOrder, shipment: Shipment,
                         ship_from: Address | None = None) -> tuple[ShipmentRequest, list[Problem]]:
    """What the carrier is asked for this parcel, and every fixable problem (see the module contract)."""
    request, problems, _ = _build(session, vendor_order, shipment, ship_from)
    return request, problems


def _packed(session: Session, caller: Caller | None, vendor_order_id: object) -> tuple[Caller, VendorOrder, Shipment]:
    caller, order = order_for_seller_or_staff(session, caller, vendor_order_id, capability=Capability.LABELS)
    order = lock_vendor_order(session, order.id)
    shipment = current_shipment(session, order.id)
    if order.status != OrderStatus.PROCESSING or shipment is None \
            or shipment.status != ShipmentStatus.LABEL_PENDING:
        raise ValidationError(N_("Pack the parcel of an accepted order before buying its label."),
                              code=OrderErrorCode.SHIPMENT_STATE)
    return caller, order, shipment


def label_rates(session: Session, caller: Caller | None, vendor_order_id: object, carrier: Carrier,
                ship_from: Address | None = None) -> list[Rate]:
    """Every service's rate for the packed parcel, cheapest first (problems raise :class:`LabelDataIncomplete`)."""
    _, order, shipment = _packed(session, caller, vendor_order_id)
    request, problems, _ = _build(session, order, shipment, ship_from)
    if problems:
        raise LabelDataIncomplete(problems)
    return carrier.rates(replace(request, service=None))


def documents_of(shipment: Shipment) -> dict[str, str]:
    """The stored documents of a labelled parcel: ``label`` and, with a customs form, ``customs`` and ``invoice``."""
    path = shipment.label_path or ""
    if not path.endswith("/" + LABEL_FILE):
        return {}
    folder = path.rsplit("/", 1)[0]
    found = {"label": path}
    if shipment.customs_form:
        found |= {"customs": f"{folder}/{CUSTOMS_FILE}", "invoice": f"{folder}/{INVOICE_FILE}"}
    return found


def buy_label(session: Session, caller: Caller | None, vendor_order_id: object, carrier: Carrier,
              store: DocumentStore, service: str | None = None, ship_from: Address | None = None) -> BoughtLabel:
    """Buy, store and record the packed parcel's label (see the module contract)."""
    caller, order, shipment = _packed(session, caller, vendor_order_id)
    request, problems, declaration = _build(session, order, shipment, ship_from)
    if problems:
        raise LabelDataIncomplete(problems)
    if service is not None:
        request = replace(request, service=service)
    rates = carrier.rates(request)
    if not rates:
        raise CarrierError(N_("No service can carry this parcel: it is too heavy or too big."),
                           code=CarrierErrorCode.SERVICE_UNAVAILABLE, field="service")
    label = carrier.buy_label(request, min(rates, key=lambda rate: rate.price.minor))
    folder = f"labels/{private_name(f'shipment-{shipment.id}')}"
    documents: dict[str, str] = {}
    if label.pdf is not None:
        documents["label"] = store.save(f"{folder}/{LABEL_FILE}", label.pdf)
    if declaration is not None:
        documents["customs"] = store.save(f"{folder}/{CUSTOMS_FILE}", cn22_pdf(declaration))
        documents["invoice"] = store.save(f"{folder}/{INVOICE_FILE}", commercial_invoice_pdf(declaration))
    form = label.customs_form or (declaration.declaration.form if declaration is not None else None)
    shipment = record_label(session, caller, shipment.id, carrier=label.carrier, service=label.service,
                            tracking_number=label.tracking_number, label_path=documents.get("label") or label.url,
                            customs_form=form, cost=label.price)
    return BoughtLabel(shipment, label, documents)


__all__ = ["BoughtLabel", "LabelDataIncomplete", "buy_label", "chosen_service", "documents_of", "label_rates",
           "shipment_request_for"]
