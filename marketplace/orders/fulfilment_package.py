"""The parcel a seller packs: outside dimensions in millimetres and gross weight in grams.

Contract:
- :class:`Package` holds four whole numbers; :func:`validate_package` accepts only a ``Package`` whose
  values are ints (not bools) from 1 to :data:`MAX_SIDE_MM` (each side) and :data:`MAX_WEIGHT_G`, and
  otherwise raises ``ValidationError`` (code ``package_invalid``, ``field`` the offending value's name).
- :func:`default_package` proposes a package for a vendor order from its variants (no writes): the goods'
  weight (variant weight × quantity) plus :data:`PACKAGING_G`; the longest length and width of any line and
  the heights stacked (height × quantity), each plus :data:`PADDING_MM` and at least the
  :data:`SMALLEST_BOX`'s side; capped at the maxima, so the proposal always validates. A line whose variant
  is gone counts with the smallest box and no goods weight.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from sqlmodel import Session, select

from marketplace.core.errors import ValidationError
from marketplace.models import OrderLine, Variant, VendorOrder
from marketplace.orders.error_codes import OrderErrorCode

MAX_SIDE_MM = 1500  # the longest side postal and express carriers take as one parcel
MAX_WEIGHT_G = 30_000  # 30 kg, the heaviest parcel the postal services (EMS, DHL Paket) accept
PACKAGING_G = 150  # the box and its filling
PADDING_MM = 20  # room around the goods
SMALLEST_BOX = (220, 160, 50)  # a small parcel box: what is proposed when variants give no dimensions


@dataclass(frozen=True, slots=True)
class Package:
    length_mm: int
    width_mm: int
    height_mm: int
    weight_g: int


_LIMITS = {"length_mm": MAX_SIDE_MM, "width_mm": MAX_SIDE_MM, "height_mm": MAX_SIDE_MM, "weight_g": MAX_WEIGHT_G}


def validate_package(package: object) -> Package:
    """``package`` itself when every value is in range; see the module contract."""
    if not isinstance(package, Package):
        raise ValidationError("Enter the parcel's dimensions and weight.", code=OrderErrorCode.PACKAGE_INVALID,
                              field="package")
    for item in fields(Package):
        value, limit = getattr(package, item.name), _LIMITS[item.name]
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= limit:
            raise ValidationError("Enter a whole number from 1 to %(limit)s.", code=OrderErrorCode.PACKAGE_INVALID,
                                  field=item.name, limit=limit)
    return package


def default_package(session: Session, vendor_order: VendorOrder) -> Package:
    """A proposed package for ``vendor_order`` from its variants' weights and dimensions."""
    rows = session.exec(select(OrderLine, Variant).join(Variant, Variant.id == OrderLine.variant_id, isouter=True)
                        .where(OrderLine.vendor_order_id == vendor_order.id)).all()
    weight = PACKAGING_G + sum(variant.weight_g * line.quantity for line, variant in rows if variant is not None)
    length = max((variant.length_mm for _, variant in rows if variant is not None), default=0)
    width = max((variant.width_mm for _, variant in rows if variant is not None), default=0)
    height = sum(variant.height_mm * line.quantity for line, variant in rows if variant is not None)

    def side(goods: int, smallest: int) -> int:
        return min(max(goods + PADDING_MM if goods else 0, smallest), MAX_SIDE_MM)

    return Package(length_mm=side(length, SMALLEST_BOX[0]), width_mm=side(width, SMALLEST_BOX[1]),
                   height_mm=side(height, SMALLEST_BOX[2]), weight_g=min(weight, MAX_WEIGHT_G))
