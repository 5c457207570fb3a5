"""Raw content of the deterministic demo catalogue (pure data, no database, no I/O).

Contract: ``VENDORS`` (``vendors``), ``CATEGORIES`` (``categories``) and ``FAMILIES`` (every
product family of the content modules, in a fixed order) are plain immutable data described by
``schema``. ``marketplace.demo.catalogue.build_catalogue`` is the only consumer; nothing here
imports the database, Reflex or anything outside the standard library.
"""

from marketplace.demo.catalogue_data import (
    apparel,
    bags,
    beauty,
    books,
    electronics,
    food,
    footwear,
    home,
    jewellery,
    sports,
    toys,
)
from marketplace.demo.catalogue_data.categories import CATEGORIES
from marketplace.demo.catalogue_data.schema import Family
from marketplace.demo.catalogue_data.vendors import VENDORS

FAMILIES: tuple[Family, ...] = (
    *apparel.FAMILIES,
    *footwear.FAMILIES,
    *bags.FAMILIES,
    *electronics.FAMILIES,
    *beauty.FAMILIES,
    *home.FAMILIES,
    *toys.FAMILIES,
    *books.FAMILIES,
    *jewellery.FAMILIES,
    *food.FAMILIES,
    *sports.FAMILIES,
)

__all__ = ["CATEGORIES", "FAMILIES", "VENDORS"]
