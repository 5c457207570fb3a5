"""A small world for the catalogue editor and CSV tests: two shops (A in EUR, B in JPY), a seller each."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session

from marketplace.accounts.service import Caller
from marketplace.catalog.editor import ProductInput
from marketplace.catalog.variant_rules import VariantFields
from marketplace.models import Category, Product, Role, Vendor, VendorStatus
from tests import factories


@dataclass
class World:
    session: Session
    seller_a: Caller
    seller_b: Caller
    shop_a: Vendor
    shop_b: Vendor
    category: Category
    b_product: Product


def caller_for(session: Session, shop: Vendor) -> Caller:
    user = factories.user(session, Role.SELLER, vendor=shop)
    return Caller(user_id=user.id, role=Role.SELLER, display_name=user.display_name, email=user.email,
                  vendor_id=shop.id, vendor_role="owner")


def build(session: Session, status: VendorStatus = VendorStatus.APPROVED) -> World:
    category = factories.category(session, slug="tableware")
    shop_a = factories.vendor(session, status=status, country="PT", currency="EUR")
    shop_b = factories.vendor(session, country="JP", currency="JPY")
    b_product = factories.product(session, shop_b, category)
    world = World(session, caller_for(session, shop_a), caller_for(session, shop_b), shop_a, shop_b, category,
                  b_product)
    session.commit()
    return world


def variant(sku: str, **overrides: str) -> VariantFields:
    values = {"sku": sku, "option1_name": "Size", "option1_value": "Small", "price": "18.00", "weight_g": "320",
              "hs_code": "6912.00", "origin_country": "PT", "stock": "5"} | overrides
    return VariantFields(**values)


def product_input(category_id: int, *variants: tuple[int | None, VariantFields], **overrides: object) -> ProductInput:
    values = {"name": "Stoneware mug", "description": "Hand-thrown.\nDishwasher safe.", "category_id": category_id,
              "translations": {}, "variants": variants or ((None, variant("MUG-S")),)} | overrides
    return ProductInput(**values)
