"""What a product needs before it can be listed in the storefront (draft -> publish).

Contract: ``publish_problems(facts)`` takes a product's :class:`PublishFacts` and returns the reasons it cannot
be published as :class:`Problem` values (code ``CatalogErrorCode.NOT_PUBLISHABLE``; ``params`` name the variant
by SKU), in a stable order: no variants, then per variant (in the product's order) a missing price, weight, HS
code, country of origin. An empty list means the product may be published. Pure: no database, no Reflex.
"""

from __future__ import annotations

from dataclasses import dataclass

from marketplace.catalog.error_codes import CatalogErrorCode
from marketplace.core.errors import Problem
from marketplace.core.i18n import N_

NO_VARIANTS = N_("Add at least one variant with a SKU.")
NO_PRICE = N_("%(sku)s has no price.")
NO_WEIGHT = N_("%(sku)s has no weight.")
NO_HS = N_("%(sku)s has no HS code.")
NO_ORIGIN = N_("%(sku)s has no country of origin.")


@dataclass(frozen=True)
class VariantFacts:
    sku: str
    price_minor: int  # 0: no price yet
    weight_g: int
    hs_code: str
    origin_country: str


@dataclass(frozen=True)
class PublishFacts:
    variants: tuple[VariantFacts, ...]


def publish_problems(facts: PublishFacts) -> list[Problem]:
    """Why the product cannot be published yet; [] when it can (see the module contract)."""
    code = CatalogErrorCode.NOT_PUBLISHABLE
    if not facts.variants:
        return [Problem(code, NO_VARIANTS, "variants")]
    problems = []
    for v in facts.variants:
        for missing, message, field in ((v.price_minor <= 0, NO_PRICE, "price"), (v.weight_g <= 0, NO_WEIGHT, "weight_g"),
                                        (not v.hs_code, NO_HS, "hs_code"), (not v.origin_country, NO_ORIGIN,
                                                                            "origin_country")):
            if missing:
                problems.append(Problem(code, message, field, {"sku": v.sku}))
    return problems
