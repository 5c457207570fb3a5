"""CSV import and export: a good file of 1,000 rows imports in one go; a file with one bad row imports nothing
and names the row and column; SKUs of another seller are an error, the seller's own are updated."""

from __future__ import annotations

import csv
import io
import time

import pytest
from sqlmodel import Session, func, select

from marketplace.catalog import csv_io
from marketplace.core.errors import ValidationError
from marketplace.models import Product, ProductStatus, ProductTranslation, Variant
from marketplace.vendors import catalogue
from tests.integration.vendors.csv_files import csv_bytes, good_file, good_rows
from tests.integration.vendors.editor_world import build


@pytest.fixture
def world(db_engine):
    with Session(db_engine) as session:
        yield build(session)


def _count(session: Session, vendor_id: int) -> int:
    return session.exec(select(func.count()).select_from(Variant).join(Product, Product.id == Variant.product_id)
                        .where(Product.vendor_id == vendor_id)).one()


def test_a_good_file_of_1000_rows_imports_in_seconds_with_progress(world):
    s, seen = world.session, []
    data = good_file(1000)
    dry = catalogue.import_csv(s, world.seller_a, data, dry_run=True)
    assert (dry.errors, dry.written, dry.new_products, dry.new_variants) == ((), False, 500, 1000)
    assert _count(s, world.shop_a.id) == 0
    started = time.perf_counter()
    result = catalogue.import_csv(s, world.seller_a, data, dry_run=False, progress=lambda d, t: seen.append((d, t)))
    s.commit()
    assert time.perf_counter() - started < 20
    assert result.written and result.new_variants == 1000
    assert seen[-1] == (1000, 1000) and len(seen) >= 10
    assert _count(s, world.shop_a.id) == 1000
    mug = s.exec(select(Product).where(Product.slug == "bulk-mug-3")).one()
    assert mug.status == ProductStatus.DRAFT and mug.name == "Stoneware mug 3"
    assert s.exec(select(ProductTranslation.name).where(ProductTranslation.product_id == mug.id)).one() == \
        "Steinzeugbecher 3"


def test_a_file_with_one_bad_row_imports_nothing_and_names_row_and_column(world):
    rows = good_rows(40)
    rows[16]["compare_at_price"] = "1.00"  # below the price: spreadsheet row 18 (the header is row 1)
    result = catalogue.import_csv(world.session, world.seller_a, csv_bytes(rows), dry_run=False)
    assert [(e.row, e.column, e.message) for e in result.errors] == [
        (18, "compare_at_price", "The compare-at price must be above the price.")]
    assert not result.written
    world.session.rollback()
    assert _count(world.session, world.shop_a.id) == 0


def test_own_skus_are_updated_and_another_sellers_sku_or_handle_is_an_error(world):
    s = world.session
    catalogue.import_csv(s, world.seller_a, good_file(4), dry_run=False)
    s.commit()
    rows = good_rows(4)
    rows[1]["price"], rows[1]["stock"] = "30.00", "99"
    result = catalogue.import_csv(s, world.seller_a, csv_bytes(rows), dry_run=False)
    s.commit()
    assert (result.new_variants, result.updated_variants) == (0, 4)
    assert s.exec(select(Variant).where(Variant.sku == "BULK-1")).one().price_minor == 3000
    assert s.exec(select(Variant).where(Variant.sku == "BULK-1")).one().stock == 99

    b_sku = s.exec(select(Variant.sku).where(Variant.product_id == world.b_product.id)).first()
    bad = good_rows(2, prefix="NEW") + [dict(good_rows(1, prefix="NEW")[0], sku=b_sku, handle="new-mug-9"),
                                        dict(good_rows(1, prefix="OTHER")[0], handle=world.b_product.slug)]
    result = catalogue.import_csv(s, world.seller_a, csv_bytes(bad), dry_run=False)
    assert [(e.row, e.column) for e in result.errors] == [(4, "sku"), (5, "handle")]
    s.rollback()
    assert s.exec(select(Variant).where(Variant.sku == "NEW-0")).first() is None


def test_export_has_the_callers_variants_only_and_reimports_unchanged(world):
    s = world.session
    catalogue.import_csv(s, world.seller_a, good_file(6), dry_run=False)
    s.commit()
    text = catalogue.export_csv(s, world.seller_a)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == 6 and {r["currency"] for r in rows} == {"EUR"}
    assert world.b_product.slug not in text
    again = catalogue.import_csv(s, world.seller_a, text.encode(), dry_run=True)
    assert again.errors == () and again.updated_variants == 6


def test_a_listed_product_cannot_be_made_incomplete_by_a_file(world):
    s = world.session
    catalogue.import_csv(s, world.seller_a, good_file(2), dry_run=False)
    product = s.exec(select(Product).where(Product.slug == "bulk-mug-0")).one()
    catalogue.publish(s, world.seller_a, product.id)
    s.commit()
    rows = good_rows(2)
    rows[1]["hs_code"] = ""
    result = catalogue.import_csv(s, world.seller_a, csv_bytes(rows), dry_run=False)
    assert [(e.row, e.column) for e in result.errors] == [(3, "hs_code")]


@pytest.mark.parametrize("data", [b"", b"\xff\xfe\x00bad", b"sku,price\nA,1\n", b"handle,sku,price,weight_g,colour\n",
                                  b"x" * (csv_io.MAX_BYTES + 1)])
def test_a_file_that_is_not_the_documented_csv_is_refused(world, data):
    with pytest.raises(ValidationError) as refused:
        catalogue.import_csv(world.session, world.seller_a, data)
    assert refused.value.code == "csv_invalid"


def test_the_example_file_is_valid(world):
    result = catalogue.import_csv(world.session, world.seller_a, csv_io.example_csv().encode(), dry_run=True)
    assert result.errors == () or {e.column for e in result.errors} == {"category"}
