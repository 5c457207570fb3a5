"""A seller's pictures (vendors/images.py) on SQLite and PostgreSQL: add, reorder, alt text and remove on their
own product; another seller, a locked shop and bad arguments change nothing, and a refused file stores
nothing (no row, no file)."""

from __future__ import annotations

import io

import pytest
from PIL import Image
from sqlmodel import Session, select

from marketplace.accounts.service import Caller
from marketplace.core.errors import NotFound, PermissionDenied, ValidationError
from marketplace.models import ProductImage, Role, VendorStatus
from marketplace.vendors import images
from marketplace.vendors.error_codes import VendorErrorCode
from tests import factories


def _jpeg(colour=(10, 120, 200)) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (640, 480), colour).save(buf, "JPEG")
    return buf.getvalue()


def _seller(session: Session, status: VendorStatus = VendorStatus.APPROVED):  # noqa: ANN202
    shop = factories.vendor(session, status=status)
    product = factories.product(session, shop, factories.category(session))
    user = factories.user(session, Role.SELLER, vendor=shop)
    session.commit()
    return Caller(user_id=user.id, role=Role.SELLER, display_name=user.display_name, email=user.email,
                  vendor_id=shop.id, vendor_role="owner"), product


@pytest.fixture
def media_dir(tmp_path):  # noqa: ANN001, ANN201
    return tmp_path / "media"  # beside, not around, the SQLite test database


def _files(folder):  # noqa: ANN001, ANN202
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def test_add_reorder_describe_and_remove(db_engine, media_dir):
    with Session(db_engine) as session:
        caller, product = _seller(session)
        added = images.add_images(session, caller, product.id, [("a.jpg", _jpeg()), ("b.jpg", _jpeg((200, 0, 0)))],
                                  media_dir)
        session.commit()
        assert [i.position for i in added] == [0, 1]
        assert len(_files(media_dir)) == 4  # two renditions each
        first, second = added

        moved = images.move_image(session, caller, product.id, second.id, -1)
        session.commit()
        assert [i.id for i in moved] == [second.id, first.id]
        assert images.move_image(session, caller, product.id, second.id, -1) == moved  # already first: no change

        described = images.set_alt(session, caller, product.id, second.id, "  Red   mug,  side view ")
        session.commit()
        assert described[0].alt == "Red mug, side view"

        left = images.remove_image(session, caller, product.id, second.id, media_dir)
        session.commit()
        assert [(i.id, i.position) for i in left] == [(first.id, 0)]
        assert _files(media_dir) == sorted([first.thumb_path, first.full_path])


def test_one_bad_file_refuses_the_whole_batch_and_stores_nothing(db_engine, media_dir):
    with Session(db_engine) as session:
        caller, product = _seller(session)
        with pytest.raises(ValidationError) as refused:
            images.add_images(session, caller, product.id, [("good.jpg", _jpeg()), ("evil.jpg", b"PK\x03\x04zip")],
                              media_dir)
        assert refused.value.code == "image_type"
        session.rollback()
        assert session.exec(select(ProductImage).where(ProductImage.product_id == product.id)).all() == []
        assert _files(media_dir) == []


def test_another_sellers_product_and_pictures_are_out_of_reach(db_engine, media_dir):
    with Session(db_engine) as session:
        owner, product = _seller(session)
        [img] = images.add_images(session, owner, product.id, [("a.jpg", _jpeg())], media_dir)
        session.commit()
        other, other_product = _seller(session)
        for call in (lambda: images.product_images(session, other, product.id),
                     lambda: images.add_images(session, other, product.id, [("b.jpg", _jpeg())], media_dir),
                     lambda: images.move_image(session, other, product.id, img.id, 1),
                     lambda: images.set_alt(session, other, product.id, img.id, "mine"),
                     lambda: images.remove_image(session, other, product.id, img.id, media_dir)):
            with pytest.raises(PermissionDenied):
                call()
            session.rollback()
        # naming the picture through the seller's own product does not reach it either
        with pytest.raises(NotFound) as missing:
            images.set_alt(session, other, other_product.id, img.id, "mine")
        assert missing.value.code == VendorErrorCode.IMAGE_NOT_FOUND
        session.rollback()
        session.expire_all()
        assert session.get(ProductImage, img.id).alt == ""
        assert len(_files(media_dir)) == 2


@pytest.mark.parametrize("status", [VendorStatus.PENDING, VendorStatus.SUSPENDED, VendorStatus.TERMINATED])
def test_a_locked_shop_cannot_change_pictures(db_engine, media_dir, status):
    with Session(db_engine) as session:
        caller, product = _seller(session, status)
        with pytest.raises(PermissionDenied) as refused:
            images.add_images(session, caller, product.id, [("a.jpg", _jpeg())], media_dir)
        assert refused.value.code == VendorErrorCode.SHOP_LOCKED
        assert _files(media_dir) == []
        assert images.product_images(session, caller, product.id) == []  # reading still works


def test_bad_arguments_are_refused(db_engine, media_dir):
    with Session(db_engine) as session:
        caller, product = _seller(session)
        [img] = images.add_images(session, caller, product.id, [("a.jpg", _jpeg())], media_dir)
        session.commit()
        cases = [
            (lambda: images.add_images(session, caller, product.id, [], media_dir), VendorErrorCode.IMAGES_MISSING),
            (lambda: images.add_images(session, caller, product.id, "x", media_dir), VendorErrorCode.IMAGES_MISSING),
            (lambda: images.add_images(session, caller, product.id, [("x.jpg", _jpeg())] * images.MAX_IMAGES,
                                       media_dir), VendorErrorCode.TOO_MANY_IMAGES),
            (lambda: images.move_image(session, caller, product.id, img.id, 2), VendorErrorCode.IMAGE_MOVE_INVALID),
            (lambda: images.move_image(session, caller, product.id, img.id, True), VendorErrorCode.IMAGE_MOVE_INVALID),
            (lambda: images.move_image(session, caller, product.id, img.id, 1.0), VendorErrorCode.IMAGE_MOVE_INVALID),
            (lambda: images.set_alt(session, caller, product.id, img.id, "x" * 201), VendorErrorCode.IMAGE_ALT_TOO_LONG),
            (lambda: images.set_alt(session, caller, product.id, img.id, 5), VendorErrorCode.IMAGE_ALT_TOO_LONG),
            (lambda: images.set_alt(session, caller, product.id, "1", "x"), VendorErrorCode.IMAGE_NOT_FOUND),
            (lambda: images.remove_image(session, caller, product.id, 999_999, media_dir),
             VendorErrorCode.IMAGE_NOT_FOUND),
        ]
        for call, code in cases:
            with pytest.raises((ValidationError, NotFound)) as refused:
                call()
            assert refused.value.code == code
            session.rollback()
        assert [i.id for i in images.product_images(session, caller, product.id)] == [img.id]
        assert len(_files(media_dir)) == 2


def test_files_follow_the_transaction_a_failed_commit_leaves_no_orphan_and_loses_no_picture(db_engine, media_dir):
    with Session(db_engine) as session:
        caller, product = _seller(session)
        kept = images.add_images(session, caller, product.id, [("a.jpg", _jpeg())], media_dir)[0]
        session.commit()

        images.add_images(session, caller, product.id, [("b.jpg", _jpeg((0, 200, 0)))], media_dir)
        assert len(_files(media_dir)) == 4  # written before the commit...
        session.rollback()  # ...whose failure takes the new files with it
        assert _files(media_dir) == sorted([kept.thumb_path, kept.full_path])

        images.remove_image(session, caller, product.id, kept.id, media_dir)
        assert len(_files(media_dir)) == 2  # the files wait for the commit
        session.rollback()  # the removal fails: the row is back, and so are its files
        assert [i.id for i in images.product_images(session, caller, product.id)] == [kept.id]
        assert _files(media_dir) == sorted([kept.thumb_path, kept.full_path])

        images.remove_image(session, caller, product.id, kept.id, media_dir)
        session.commit()
        assert _files(media_dir) == []
