"""Labels for a return request's parcels: the return parcel (shopper -> vendor) and, for an exchange or a
repair, the parcel back to the shopper (vendor -> shopper).

Contract:
- :func:`buy_return_label(session, row, order, carrier, store)` asks ``carrier`` for the cheapest rate of a
  :class:`ShipmentRequest` from the order's delivery address (the shopper: name, street, city, phone, e-mail)
  to the vendor's ship-from address (``orders.ship_from``), for the original parcel's dimensions (a
  300x200x100 mm box when none were recorded) and the returned lines' weight, reference the return number,
  incoterm DAP, rates in the vendor's currency. When the parcel crosses a customs border, the request carries
  one customs line per returned line (English name, HS code, origin, units, the value the shopper paid, net
  weight) and a CN22/CN23 of category "Returned goods" from the engine is stored beside the label.
- :func:`buy_outbound_label` does the same the other way round for the replacement (category "Other") or the
  repaired item (category "Returned goods").
- Documents are stored through ``store`` in one folder named by ``core.files.private_name``; the stored
  names come back in :class:`ReturnLabel`. Address, parcel or customs problems raise
  ``labels.LabelDataIncomplete`` (every problem listed) before the carrier sells anything; carrier refusals
  propagate as ``CarrierError``. Nothing is written to the database here.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, select

from marketplace.accounts.address_format import PostalAddress
from marketplace.core import clock
from marketplace.core.errors import Problem
from marketplace.core.files import DocumentStore, private_name
from marketplace.core.i18n import N_
from marketplace.core.money import Money
from marketplace.crossborder import fx
from marketplace.crossborder.customs import Category, CustomsError, CustomsItem, declaration
from marketplace.documents.customs import cn22_pdf
from marketplace.documents.customs_values import CustomsDeclaration, Party
from marketplace.models import OrderGroup, OrderLine, ReturnLine, ReturnRequest, Variant, Vendor, VendorOrder
from marketplace.orders.carriers import (
    Address,
    Carrier,
    CarrierError,
    CustomsLine,
    Incoterm,
    Label,
    Parcel,
    ShipmentRequest,
    request_problems,
)
from marketplace.orders.customs_data import needs_customs
from marketplace.orders.error_codes import CarrierErrorCode, ReturnErrorCode
from marketplace.orders.fulfilment import current_shipment
from marketplace.orders.labels import LabelDataIncomplete
from marketplace.orders.ship_from import vendor_address

LABEL_FILE, CUSTOMS_FILE = "label.pdf", "customs.pdf"
DEFAULT_BOX = (300, 200, 100)
DEFAULT_WEIGHT_G = 500


@dataclass(frozen=True)
class ReturnLabel:
    label: Label
    label_path: str | None
    customs_path: str | None


def _address(stored: PostalAddress, phone: str = "", email: str = "") -> Address:
    return Address(name=stored.name, street=(*stored.street_address.splitlines(), stored.address_line2),
                   city=stored.city, postal_code=stored.postal_code, country=stored.country,
                   region=stored.country_area, company=stored.company_name, phone=phone or stored.phone,
                   email=email)


def _party(address: Address) -> Party:
    place = " ".join(part for part in (address.postal_code, address.city) if part)
    return Party(name=address.name, address_lines=tuple(line for line in (*address.street, place, address.region)
                                                         if line), country=address.country, phone=address.phone)


def _shopper(group: OrderGroup) -> Address:
    return _address(PostalAddress.from_stored(group.delivery_address, group.ship_to_country or ""),
                    group.phone, group.email or "")


def _vendor(vendor: Vendor) -> Address:
    return _address(vendor_address(vendor))


def _items(session: Session, row: ReturnRequest) -> list[tuple[OrderLine, int, int]]:
    """(order line, units, net weight in grams) for each returned line."""
    found = []
    for line in session.exec(select(ReturnLine).where(ReturnLine.return_id == row.id).order_by(ReturnLine.id)):
        order_line = session.get(OrderLine, line.order_line_id)
        variant = session.get(Variant, order_line.variant_id) if order_line.variant_id else None
        found.append((order_line, line.quantity, (variant.weight_g if variant else 0) * line.quantity))
    return found


def _parcel(session: Session, order: VendorOrder, weight_g: int) -> Parcel:
    shipment = current_shipment(session, order.id)
    if shipment is not None and shipment.length_mm and shipment.width_mm and shipment.height_mm:
        dims = (shipment.length_mm, shipment.width_mm, shipment.height_mm)
    else:
        dims = DEFAULT_BOX
    return Parcel(*dims, weight_g=max(weight_g, 1) if weight_g else DEFAULT_WEIGHT_G)


def _describe(name: str) -> str:
    text = " ".join((name or "").split())
    return text if len(text) <= 50 else text[:50].rsplit(" ", 1)[0]


def _buy(session: Session, row: ReturnRequest, order: VendorOrder, sender: Address, recipient: Address,
         category: Category, carrier: Carrier, store: DocumentStore, folder: str) -> ReturnLabel:
    vendor = session.get(Vendor, order.vendor_id)
    items = _items(session, row)
    crosses = needs_customs(sender.country, recipient.country)
    customs = tuple(CustomsLine(description=_describe(line.product_name), hs_code=line.hs_code,
                                origin_country=line.origin_country, quantity=units,
                                value=Money(line.unit_price_minor * units, line.unit_price_currency),
                                weight_g=weight)
                    for line, units, weight in items) if crosses else ()
    request = ShipmentRequest(sender=sender, recipient=recipient,
                              parcel=_parcel(session, order, sum(weight for _, _, weight in items)),
                              incoterm=Incoterm.DAP, customs=customs, reference=row.number, currency=vendor.currency)
    problems = request_problems(request)
    if problems:
        raise LabelDataIncomplete(problems)
    form = None
    if crosses:
        try:
            checked = declaration([CustomsItem(c.description, c.hs_code, c.origin_country, c.quantity, c.weight_g,
                                               c.value) for c in customs],
                                  category=category, sender_country=sender.country,
                                  destination_country=recipient.country)
        except (CustomsError, fx.RatesNotAvailable) as exc:
            raise LabelDataIncomplete([Problem(ReturnErrorCode.LABEL_FAILED,
                                               N_("The customs data of the returned items is incomplete."),
                                               "customs", {"detail": str(exc)})]) from exc
        form = cn22_pdf(CustomsDeclaration(declaration=checked, sender=_party(sender), recipient=_party(recipient),
                                           invoice_number=row.number, incoterm="DAP",
                                           issued_on=clock.now().date()))
    rates = carrier.rates(request)
    if not rates:
        raise CarrierError(N_("No service can carry this parcel: it is too heavy or too big."),
                           code=CarrierErrorCode.SERVICE_UNAVAILABLE, field="service")
    label = carrier.buy_label(request, min(rates, key=lambda rate: rate.price.minor))
    place = f"returns/{private_name(folder)}"
    label_path = store.save(f"{place}/{LABEL_FILE}", label.pdf) if label.pdf is not None else None
    customs_path = store.save(f"{place}/{CUSTOMS_FILE}", form) if form is not None else None
    return ReturnLabel(label, label_path or label.url, customs_path)


def buy_return_label(session: Session, row: ReturnRequest, order: VendorOrder, carrier: Carrier,
                     store: DocumentStore) -> ReturnLabel:
    group = session.get(OrderGroup, order.group_id)
    vendor = session.get(Vendor, order.vendor_id)
    return _buy(session, row, order, _shopper(group), _vendor(vendor), Category.RETURNED_GOODS, carrier, store,
                f"return-{row.id}")


def buy_outbound_label(session: Session, row: ReturnRequest, order: VendorOrder, carrier: Carrier,
                       store: DocumentStore) -> ReturnLabel:
    group = session.get(OrderGroup, order.group_id)
    vendor = session.get(Vendor, order.vendor_id)
    category = Category.OTHER if row.kind == "exchange" else Category.RETURNED_GOODS
    return _buy(session, row, order, _vendor(vendor), _shopper(group), category, carrier, store,
                f"return-out-{row.id}")
