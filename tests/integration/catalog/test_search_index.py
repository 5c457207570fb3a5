"""The search index follows every write to products and translations through database triggers: inserts,
renames, translations added, changed and removed, deletions, and rolled-back writes; the seed and the
migration fill it."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text
from sqlmodel import Session, select

from marketplace.catalog import search_index
from marketplace.catalog.search import SearchParams, search, vocabulary
from marketplace.demo.seed import seed
from marketplace.models import Product, ProductTranslation
from tests import factories


def found(session: Session, query: str, lang: str = "en") -> list[str]:
    return [c.name for c in search(session, SearchParams(query=query), lang, "EUR", "DE").items]


def documents(session: Session) -> int:
    return session.execute(text("SELECT count(*) FROM product_search")).one()[0]


def test_products_are_indexed_renamed_and_removed_with_their_writes(db_engine):
    with Session(db_engine) as session:
        # given a listed product
        vendor, category = factories.vendor(session), factories.category(session)
        product = factories.product(session, vendor, category, name="Walnut Chopping Board")
        session.commit()
        assert found(session, "walnut") == ["Walnut Chopping Board"]
        # when the seller renames it
        product.name, product.description = "Cherry Serving Board", "Oiled cherry wood."
        session.add(product)
        session.commit()
        # then the new words find it and the old ones do not
        assert found(session, "cherry") == ["Cherry Serving Board"]
        assert found(session, "oiled") == ["Cherry Serving Board"]
        assert found(session, "walnut") == []
        # when it is deleted
        session.delete(product)
        session.commit()
        assert found(session, "cherry") == [] and documents(session) == 0


def test_translations_are_indexed_in_their_language(db_engine):
    with Session(db_engine) as session:
        product = factories.product(session, factories.vendor(session), factories.category(session),
                                    name="Stoneware Mug")
        translation = ProductTranslation(product_id=product.id, lang="de", name="Steinzeugbecher",
                                         description="Handgemacht in Kyoto.")
        session.add(translation)
        session.commit()
        assert found(session, "steinzeugbecher", "de") == ["Steinzeugbecher"]
        assert found(session, "handgemacht", "de") == ["Steinzeugbecher"]
        translation.name = "Keramikbecher"
        session.add(translation)
        session.commit()
        assert found(session, "keramikbecher", "de") == ["Keramikbecher"]
        assert found(session, "steinzeugbecher", "de") == []
        session.delete(translation)
        session.commit()
        assert found(session, "keramikbecher", "de") == []
        assert found(session, "stoneware", "de") == ["Stoneware Mug"]  # the English text remains


def test_deleting_a_product_removes_its_translations_documents_too(db_engine):
    with Session(db_engine) as session:
        product = factories.product(session, factories.vendor(session), factories.category(session))
        session.add(ProductTranslation(product_id=product.id, lang="de", name="Becher", description=""))
        session.commit()
        assert documents(session) == 2
        session.delete(session.get(Product, product.id))
        session.commit()
        assert documents(session) == 0


def test_a_rolled_back_write_leaves_the_index_as_it_was(db_engine):
    with Session(db_engine) as session:
        product = factories.product(session, factories.vendor(session), factories.category(session),
                                    name="Linen Apron")
        session.commit()
        before = search_index.version(session)
        product.name = "Denim Apron"
        session.add(product)
        session.flush()
        session.rollback()
        assert found(session, "linen") == ["Linen Apron"] and found(session, "denim") == []
        assert search_index.version(session) == before


def test_the_typo_vocabulary_follows_index_changes(db_engine):
    with Session(db_engine) as session:
        product = factories.product(session, factories.vendor(session), factories.category(session),
                                    name="Canvas Sneakers")
        session.commit()
        assert vocabulary(session, ("en",)).correct("snekers") == "sneakers"
        version = search_index.version(session)
        product.name = "Canvas Espadrilles"
        session.add(product)
        session.commit()
        assert search_index.version(session) > version
        assert vocabulary(session, ("en",)).correct("espadilles") == "espadrilles"
        assert vocabulary(session, ("en",)).correct("snekers") == "snekers"


def test_stock_and_rating_changes_do_not_touch_the_index(db_engine):
    with Session(db_engine) as session:
        product = factories.product(session, factories.vendor(session), factories.category(session))
        session.commit()
        version = search_index.version(session)
        product.rating_x10, product.status = 45, "hidden"
        session.add(product)
        session.commit()
        assert search_index.version(session) == version


def test_the_seed_fills_the_index_and_a_rebuild_gives_the_same_documents(db_engine, tmp_path: Path):
    with Session(db_engine) as session:
        seed(session, tmp_path, draw_images=False)
        session.commit()
        products = len(session.exec(select(Product.id)).all())
        translations = len(session.exec(select(ProductTranslation.id)).all())
        assert documents(session) == products + translations
        assert search_index.rebuild(session) == products + translations
        session.commit()
        assert sorted(found(session, "sneakers")) == ["Canvas Low-Top Sneakers", "Corrida Road Running Shoes",
                                                      "Treino Cross-Training Shoes"]  # two say "sneakers" in their text


def test_every_index_trigger_exists_at_the_head_migration(db_engine):
    # SQLite batch migrations re-create tables and drop their triggers: a later migration that alters
    # products or product_translations must create these again (see migration 0003's docstring).
    with Session(db_engine) as session:
        if db_engine.dialect.name == "sqlite":
            names = session.execute(text("SELECT name FROM sqlite_master WHERE type = 'trigger'")).scalars().all()
            expected = {f"product_search_{t}_{op}" for t in ("products", "translations") for op in ("ai", "au", "ad")}
        else:
            names = session.execute(text("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")).scalars().all()
            expected = {"product_search_products", "product_search_translations"}
        assert expected <= set(names)
