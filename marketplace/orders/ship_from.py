"""Where a vendor's parcels leave from, read from the vendor's stored address.

Contract: :func:`vendor_address` is the vendor's ship-from address as a :class:`PostalAddress` (legal name,
street, postal code, city, region, phone, in the vendor's country); empty fields stay empty strings, so the
carrier's and the customs form's own checks name what is missing. Labels (the carrier's sender) and customs
declarations (the sender party) both read it here.
"""

from __future__ import annotations

from marketplace.accounts.address_format import PostalAddress
from marketplace.models import Vendor


def vendor_address(vendor: Vendor) -> PostalAddress:
    return PostalAddress.from_stored({
        "name": vendor.legal_name, "street_address": vendor.street_address, "postal_code": vendor.postal_code,
        "city": vendor.city, "country_area": vendor.region, "phone": vendor.phone,
    }, (vendor.country or "").strip().upper())
