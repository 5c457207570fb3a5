"""The customs declaration of a vendor order (one parcel), built from the order and checked before a label.

Contract:
- ``declaration_for(session, caller, vendor_order_id)`` -> :class:`CustomsDeclaration`: for a seller of the
  order's vendor or staff (anyone else: ``NotFound`` for another vendor's order, ``PermissionDenied`` /
  ``NotAuthenticated`` for other roles). ``declaration_of(session, order)`` does the same without the check,
  for services that checked already (buying a label).
- The input of the engine's :func:`marketplace.crossborder.customs.declaration`, category "sale of goods":
  per order line the product's English name (``Product.name``; the line's frozen name when the product is
  gone), the HS code and origin from the variant as the seller keeps it now (the line's frozen values when
  the variant is gone or blank), the net weight ``variant.weight_g x quantity`` and the value the shopper
  paid (``unit_price x quantity``, in the order's currency); the sender is the vendor (legal name, city,
  country), the recipient the order group's delivery address; the incoterm and invoice number (the vendor
  order's number) and the freight charged come from the vendor order.
- Before the engine runs, every fixable problem is collected into ONE list: a missing HS code, origin,
  weight or value per line (``field="lines[i].hs_code"`` ...), a required address field of the recipient
  or of the sender (the fields ``accounts.address_format`` requires in that party's country, phone aside; the
  sender is the vendor's ship-from address, ``orders.ship_from``), and whatever the engine refuses on a line checked
  on its own (a vague description, a malformed HS code). Non-empty: :class:`CustomsDataIncomplete` (a
  ``ValidationError``) with ``.problems``, each a ``Problem`` with an ``OrderErrorCode`` and ``params``
  ``line`` (1-based) and ``sku`` for a line.
- Domestic parcels and parcels inside the EU need no declaration: :class:`CustomsNotRequired`.
- Identifiers: the destination's import regime is the one stored with the checkout's frozen quote for this
  vendor's parcel (the engine decides it again for an order without one). Under ``EU_IOSS`` the platform's
  ``PLATFORM_IOSS_NUMBER`` is declared; under ``GB_LOW_VALUE`` its ``PLATFORM_UK_VAT_NUMBER`` is printed.
  The models hold no EORI numbers, so none is declared.
"""

from __future__ import annotations

import re
from datetime import date

from sqlmodel import Session, select

from marketplace.accounts.address_format import PHONE, PostalAddress, address_form
from marketplace.accounts.guards import holds, require_staff_for, require_vendor
from marketplace.accounts.seller_roles import Capability
from marketplace.accounts.service import Caller
from marketplace.core import clock
from marketplace.core.errors import NotFound, Problem, ValidationError
from marketplace.core.money import Money, sum_money
from marketplace.core.settings import Settings, get_settings
from marketplace.crossborder import fx
from marketplace.crossborder.customs import Category, CustomsError, CustomsItem, declaration
from marketplace.crossborder.markets import EU_MEMBERS
from marketplace.crossborder.regimes import (
    Consignment,
    LineFacts,
    OverRegimeLimit,
    internal_movement,
    regime_for,
)
from marketplace.documents.customs_values import CustomsDeclaration, Party
from marketplace.models import (
    CheckoutSession,
    OrderGroup,
    OrderLine,
    Product,
    Role,
    Variant,
    Vendor,
    VendorOrder,
)
from marketplace.orders.error_codes import OrderErrorCode
from marketplace.orders.ship_from import vendor_address

IOSS_REGIME = "EU_IOSS"
UK_LOW_VALUE_REGIME = "GB_LOW_VALUE"
_UK_VAT = re.compile(r"GB(\d{9}|\d{12}|GD[0-4]\d{2}|HA[5-9]\d{2})")


class CustomsDataIncomplete(ValidationError):
    """The order's customs data has problems a seller (or staff) can fix; ``problems`` lists them all."""

    default_code = OrderErrorCode.CUSTOMS_DATA_INCOMPLETE

    def __init__(self, problems: list[Problem] | tuple[Problem, ...]) -> None:
        super().__init__("Complete the customs data before buying a label (%(count)s to fix).",
                         code=OrderErrorCode.CUSTOMS_DATA_INCOMPLETE, count=len(problems))
        self.problems = tuple(problems)


class CustomsNotRequired(ValidationError):
    """A domestic parcel, or one inside the EU's customs union: no customs declaration."""

    default_code = OrderErrorCode.CUSTOMS_NOT_REQUIRED


def needs_customs(sender_country: str, destination_country: str) -> bool:
    """Whether a parcel from ``sender_country`` to ``destination_country`` crosses a customs border."""
    if sender_country == destination_country:
        return False
    return not (sender_country in EU_MEMBERS and destination_country in EU_MEMBERS)


def declaration_for(session: Session, caller: Caller | None, vendor_order_id: int, *,
                    settings: Settings | None = None, on: date | None = None) -> CustomsDeclaration:
    """The checked declaration of the vendor order, for its seller or staff; see the module contract."""
    if caller is None or not holds(caller.role, Role.STAFF):
        _, vendor_id = require_vendor(caller, Capability.LABELS)
    else:
        require_staff_for(caller, Capability.LABELS)
        vendor_id = None
    order = session.get(VendorOrder, vendor_order_id) if type(vendor_order_id) is int else None
    if order is None or (vendor_id is not None and order.vendor_id != vendor_id):
        raise NotFound("We couldn't find that order.", code=OrderErrorCode.ORDER_NOT_FOUND)
    return declaration_of(session, order, settings=settings, on=on)


def declaration_of(session: Session, order: VendorOrder, *, settings: Settings | None = None,
                   on: date | None = None) -> CustomsDeclaration:
    """The checked declaration of ``order`` (no access check); see the module contract."""
    settings = settings or get_settings()
    group = session.get(OrderGroup, order.group_id)
    vendor = session.get(Vendor, order.vendor_id)
    sender_country = (vendor.country or "").strip().upper()
    destination = (group.ship_to_country or "").strip().upper()
    if sender_country and destination and not needs_customs(sender_country, destination):
        raise CustomsNotRequired("This parcel crosses no customs border: it needs no customs declaration.",
                                 code=OrderErrorCode.CUSTOMS_NOT_REQUIRED)
    problems = _sender_problems(vendor) + _recipient_problems(group)
    items, line_problems = _items(session, order, sender_country, destination, on)
    problems += line_problems
    if problems:
        raise CustomsDataIncomplete(problems)
    regime = stored_regime(session, order) or _engine_regime(order, group, sender_country, items)
    ioss = (settings.platform_ioss_number or None) if regime == IOSS_REGIME else None
    uk_vat = _uk_vat(settings.platform_uk_vat_number) if regime == UK_LOW_VALUE_REGIME else None
    try:
        engine = declaration(items, category=Category.SALE_OF_GOODS, sender_country=sender_country,
                             destination_country=destination, ioss_number=ioss,
                             eori_number=(vendor.eori_number or "").strip() or None, on=on)
    except CustomsError as exc:
        raise CustomsDataIncomplete([_engine_problem(exc, None, None)]) from exc
    except fx.RatesNotAvailable as exc:
        raise ValidationError("The parcel's value cannot be converted for customs right now; try again later.",
                              code=OrderErrorCode.CUSTOMS_RATES_UNAVAILABLE) from exc
    freight = Money(order.shipping_minor, order.shipping_currency)
    return CustomsDeclaration(
        declaration=engine, sender=_sender(vendor), recipient=_recipient(group), invoice_number=order.number,
        incoterm=order.incoterm, issued_on=clock.now().date(), regime=regime, uk_vat_number=uk_vat,
        freight=freight if freight.currency == engine.currency else None)


# -- the parties ------------------------------------------------------------------------------------


def _address_problem(field: str) -> Problem:
    party, _, name = field.partition(".")
    message = ("The sender's address has no %(part)s." if party == "sender"
               else "The recipient's address has no %(part)s.")
    return Problem(OrderErrorCode.CUSTOMS_ADDRESS_INCOMPLETE, message, field, {"part": name.replace("_", " ")})


def _sender_problems(vendor: Vendor) -> list[Problem]:
    return _missing("sender", vendor_address(vendor).as_dict(), vendor.country)


def _recipient_problems(group: OrderGroup) -> list[Problem]:
    return _missing("recipient", group.delivery_address or {}, group.ship_to_country)


def _missing(party: str, address: dict, country: str) -> list[Problem]:
    """A problem per field the country's address form requires (the phone aside) that ``address`` lacks."""
    try:
        form = address_form(country)
    except ValidationError:
        return [_address_problem(f"{party}.country")]
    return [_address_problem(f"{party}.{spec.name}") for spec in form.fields
            if spec.required and spec.name != PHONE and not str(address.get(spec.name) or "").strip()]


def _sender(vendor: Vendor) -> Party:
    address = vendor_address(vendor)
    lines = [line for line in address.lines() if line != address.name]
    return Party(name=address.name.strip(), address_lines=tuple(lines), country=address.country,
                 phone=address.phone)


def _recipient(group: OrderGroup) -> Party:
    address = PostalAddress.from_stored(group.delivery_address, group.ship_to_country)
    lines = [line for line in address.lines() if line != address.name]  # the company stays an address line
    return Party(name=address.name, address_lines=tuple(lines), country=address.country,
                 phone=group.phone or address.phone)


# -- the lines --------------------------------------------------------------------------------------


def _items(session: Session, order: VendorOrder, sender: str, destination: str,
           on: date | None) -> tuple[list[CustomsItem], list[Problem]]:
    rows = session.exec(select(OrderLine).where(OrderLine.vendor_order_id == order.id).order_by(OrderLine.id)).all()
    items: list[CustomsItem] = []
    problems: list[Problem] = []
    for index, line in enumerate(rows):
        variant = session.get(Variant, line.variant_id) if line.variant_id is not None else None
        product = session.get(Product, variant.product_id) if variant is not None else None
        params = {"line": index + 1, "sku": line.sku}
        hs_code = ((variant.hs_code if variant else "") or line.hs_code or "").strip()
        origin = ((variant.origin_country if variant else "") or line.origin_country or "").strip().upper()
        weight = variant.weight_g * line.quantity if variant is not None and variant.weight_g else 0
        value = Money(line.unit_price_minor * line.quantity, line.unit_price_currency)
        missing = [(code, name) for code, name, absent in (
            (OrderErrorCode.CUSTOMS_HS_CODE_MISSING, "hs_code", not hs_code),
            (OrderErrorCode.CUSTOMS_ORIGIN_MISSING, "origin_country", not origin),
            (OrderErrorCode.CUSTOMS_WEIGHT_MISSING, "net_weight_g", weight <= 0),
            (OrderErrorCode.CUSTOMS_VALUE_MISSING, "value", value.minor <= 0)) if absent]
        problems += [Problem(code, _MISSING[code], f"lines[{index}].{name}", params) for code, name in missing]
        item = CustomsItem(description=_description(product.name if product else line.product_name),
                           hs_code=hs_code, origin_country=origin, quantity=line.quantity,
                           net_weight_g=weight, value=value)
        if not missing and len(sender) == 2 and len(destination) == 2:
            try:  # the engine's own checks, line by line, so every refused line is listed
                declaration([item], category=Category.SALE_OF_GOODS, sender_country=sender,
                            destination_country=destination, on=on)
            except CustomsError as exc:
                if exc.item_index is not None:
                    problems.append(_engine_problem(exc, index, params))
            except fx.RatesNotAvailable:
                pass  # not a line's fault; the whole declaration reports it
        items.append(item)
    if not rows:
        problems.append(Problem(OrderErrorCode.CUSTOMS_LINE_INVALID, "The order has no lines to declare.", "lines"))
    return items, problems


_MISSING = {
    OrderErrorCode.CUSTOMS_HS_CODE_MISSING: "Line %(line)s (%(sku)s) has no HS code.",
    OrderErrorCode.CUSTOMS_ORIGIN_MISSING: "Line %(line)s (%(sku)s) has no country of origin.",
    OrderErrorCode.CUSTOMS_WEIGHT_MISSING: "Line %(line)s (%(sku)s) has no weight.",
    OrderErrorCode.CUSTOMS_VALUE_MISSING: "Line %(line)s (%(sku)s) has no value.",
}


def _description(name: str) -> str:
    """The English product name, cut at a word to the form's 50 characters."""
    text = " ".join((name or "").split())
    if len(text) <= 50:
        return text
    cut = text[:51].rsplit(" ", 1)[0]
    return cut if len(cut) >= 3 else text[:50]


def _engine_problem(exc: CustomsError, index: int | None, params: dict | None) -> Problem:
    if exc.code in ("ioss_format", "eori_format"):
        return Problem(OrderErrorCode.CUSTOMS_IDENTIFIER_INVALID, "The platform's customs number is not valid.",
                       "ioss_number" if exc.code == "ioss_format" else "eori_number")
    if index is None:
        index = exc.item_index
    if index is None:
        return Problem(OrderErrorCode.CUSTOMS_LINE_INVALID, "Customs refuse the declaration: %(reason)s", exc.field,
                       {"reason": exc.message})
    field = f"lines[{index}].{exc.field}" if exc.field else f"lines[{index}]"
    return Problem(OrderErrorCode.CUSTOMS_LINE_INVALID, "Customs refuse line %(line)s: %(reason)s", field,
                   {**(params or {}), "line": index + 1, "reason": exc.message})


# -- identifiers ------------------------------------------------------------------------------------


def _uk_vat(number: str) -> str | None:
    compact = re.sub(r"\s+", "", number or "").upper()
    if not compact:
        return None
    if not _UK_VAT.fullmatch(compact):
        raise CustomsDataIncomplete([Problem(OrderErrorCode.CUSTOMS_IDENTIFIER_INVALID,
                                             "The platform's customs number is not valid.", "uk_vat_number")])
    return compact


def stored_regime(session: Session, order: VendorOrder) -> str | None:
    """The regime the checkout priced this vendor's parcel under (its frozen quote), if one is stored."""
    quote = session.exec(select(CheckoutSession.quote).where(CheckoutSession.order_group_id == order.group_id)
                         .order_by(CheckoutSession.created_at.desc())).first()
    for parcel in (quote or {}).get("parcels", []):
        if parcel.get("vendor_id") == order.vendor_id and parcel.get("regime"):
            return str(parcel["regime"])
    return None


def _engine_regime(order: VendorOrder, group: OrderGroup, sender: str, items: list[CustomsItem]) -> str | None:
    """The engine's regime decision for the parcel as ordered (for orders placed without a stored quote)."""
    currency = items[0].value.currency

    def to_quote(money: Money) -> Money:
        return money if money.currency == currency else fx.convert(money, currency).converted

    shipping = Money(order.shipping_minor, order.shipping_currency)
    consignment = Consignment(
        destination=group.ship_to_country, region=(group.delivery_address or {}).get("country_area") or None,
        ship_from=sender, transport_mode="postal", on=clock.as_utc(group.created_at).date(),
        goods_value=sum_money((item.value for item in items), currency),
        shipping=shipping if shipping.currency == currency else Money.zero(currency),
        insurance=Money.zero(currency),
        lines=tuple(LineFacts(item.hs_code, item.origin_country, item.value, item.quantity) for item in items),
        to_quote=to_quote)
    try:
        return (internal_movement(consignment) or regime_for(group.ship_to_country).decide(consignment)).code
    except (KeyError, OverRegimeLimit, fx.RatesNotAvailable):
        return None


__all__ = ["CustomsDataIncomplete", "CustomsNotRequired", "declaration_for", "declaration_of", "needs_customs"]
