# ruff: noqa: S608 - every statement here is a constant built from constants; no input reaches it
"""The full-text search index over product names and descriptions, one document per product and language.

Contract:
    * The index is kept by the DATABASE, not by Python: triggers on ``products`` (the English source text,
      ``lang = 'en'``) and ``product_translations`` (every other language) insert, replace and delete the
      product's documents in the same transaction as the write. Every write path (the demo seed, seller edits,
      staff moderation, raw SQL) therefore keeps the index correct without calling anything here; a rolled
      back write rolls back its index change too. ``ddl(dialect)`` / ``drop_ddl(dialect)`` are the statements
      the migration ``0003_search_index`` runs, ``backfill(dialect)`` fills the index for existing rows.
    * SQLite: an FTS5 virtual table ``product_search(name, description, product_id UNINDEXED, lang UNINDEXED)``
      with the ``porter unicode61 remove_diacritics 2`` tokenizer (case and accents folded, English
      stemming; German words go through the same stemmer on both sides, so "Becher" still finds "Becher").
      Its rowid is the product id for English rows and minus the translation id for translations, so a
      trigger replaces a document by rowid without scanning.
    * PostgreSQL: a table ``product_search(product_id, lang, name, description, document tsvector)`` with
      a GIN index on ``document``; the document is ``setweight(name, 'A') || setweight(description, 'B')``
      under the text search configuration of the language: ``english`` for en, ``german`` for de,
      ``simple`` for the rest (:data:`PG_CONFIGS`).
    * ``search_index_state.version`` goes up by one with every document change (both databases), so the
      typo-correction vocabulary cached in a process (:mod:`marketplace.catalog.search`) knows when to
      rebuild itself; :func:`version` reads it.
    * These objects are not SQLModel tables (an FTS5 virtual table and a tsvector column have no portable
      model). :func:`include_in_schema_comparison` is the Alembic ``include_name`` hook that leaves them out
      of autogenerate and of the models-versus-migrations test.
"""

from __future__ import annotations

from sqlmodel import Session, text

PG_CONFIGS = {"en": "english", "de": "german"}
"""Text search configuration per language on PostgreSQL; any other language uses ``simple``."""

INDEX_TABLES = frozenset({"product_search", "search_index_state"})
"""Tables of the index (FTS5 adds shadow tables named ``product_search_*``)."""


def include_in_schema_comparison(name: str | None, type_: str, parent_names: dict) -> bool:  # noqa: ARG001
    """Alembic ``include_name`` hook: everything except the search index's own tables and indexes."""
    if name is None:
        return True
    if type_ == "table":
        return name not in INDEX_TABLES and not name.startswith("product_search_")
    if type_ == "index":
        return not name.startswith("ix_product_search")
    return True


def pg_config(lang: str) -> str:
    """``english`` / ``german`` / ``simple``: the PostgreSQL text search configuration for ``lang``."""
    return PG_CONFIGS.get(lang, "simple")


_SQLITE_BUMP = "UPDATE search_index_state SET version = version + 1 WHERE id = 1;"
_SQLITE_EN = "INSERT INTO product_search(rowid, name, description, product_id, lang) " \
             "VALUES (NEW.id, NEW.name, coalesce(NEW.description, ''), NEW.id, 'en');"
_SQLITE_TR = "INSERT INTO product_search(rowid, name, description, product_id, lang) " \
             "VALUES (-NEW.id, NEW.name, coalesce(NEW.description, ''), NEW.product_id, NEW.lang);"

_SQLITE_DDL = [
    "CREATE TABLE search_index_state (id INTEGER NOT NULL PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL)",
    "INSERT INTO search_index_state (id, version) VALUES (1, 0)",
    "CREATE VIRTUAL TABLE product_search USING fts5(name, description, product_id UNINDEXED, lang UNINDEXED, "
    "tokenize = 'porter unicode61 remove_diacritics 2')",
    f"CREATE TRIGGER product_search_products_ai AFTER INSERT ON products BEGIN {_SQLITE_EN} {_SQLITE_BUMP} END",
    "CREATE TRIGGER product_search_products_au AFTER UPDATE OF name, description ON products BEGIN "
    f"DELETE FROM product_search WHERE rowid = OLD.id; {_SQLITE_EN} {_SQLITE_BUMP} END",
    "CREATE TRIGGER product_search_products_ad AFTER DELETE ON products BEGIN "
    f"DELETE FROM product_search WHERE rowid = OLD.id; {_SQLITE_BUMP} END",
    f"CREATE TRIGGER product_search_translations_ai AFTER INSERT ON product_translations BEGIN {_SQLITE_TR} "
    f"{_SQLITE_BUMP} END",
    "CREATE TRIGGER product_search_translations_au AFTER UPDATE ON product_translations BEGIN "
    f"DELETE FROM product_search WHERE rowid = -OLD.id; {_SQLITE_TR} {_SQLITE_BUMP} END",
    "CREATE TRIGGER product_search_translations_ad AFTER DELETE ON product_translations BEGIN "
    f"DELETE FROM product_search WHERE rowid = -OLD.id; {_SQLITE_BUMP} END",
]

_SQLITE_BACKFILL = [
    "INSERT INTO product_search(rowid, name, description, product_id, lang) "
    "SELECT id, name, coalesce(description, ''), id, 'en' FROM products",
    "INSERT INTO product_search(rowid, name, description, product_id, lang) "
    "SELECT -id, name, coalesce(description, ''), product_id, lang FROM product_translations",
    _SQLITE_BUMP.rstrip(";"),
]

_SQLITE_DROP = [
    *(f"DROP TRIGGER IF EXISTS product_search_{table}_{op}"
      for table in ("products", "translations") for op in ("ai", "au", "ad")),
    "DROP TABLE IF EXISTS product_search",
    "DROP TABLE IF EXISTS search_index_state",
]

_PG_DOCUMENT = ("setweight(to_tsvector(search_config({lang}), coalesce({name}, '')), 'A') || "
                "setweight(to_tsvector(search_config({lang}), coalesce({description}, '')), 'B')")

_PG_UPSERT = ("INSERT INTO product_search (product_id, lang, name, description, document) "
              "VALUES ({pid}, {lang}, {name}, coalesce({description}, ''), "
              + _PG_DOCUMENT + ") ON CONFLICT (product_id, lang) DO UPDATE SET name = EXCLUDED.name, "
              "description = EXCLUDED.description, document = EXCLUDED.document")

_PG_DDL = [
    "CREATE TABLE search_index_state (id INTEGER NOT NULL PRIMARY KEY CHECK (id = 1), version BIGINT NOT NULL)",
    "INSERT INTO search_index_state (id, version) VALUES (1, 0)",
    "CREATE TABLE product_search (product_id INTEGER NOT NULL REFERENCES products (id) ON DELETE CASCADE, "
    "lang VARCHAR(8) NOT NULL, name TEXT NOT NULL, description TEXT NOT NULL, document TSVECTOR NOT NULL, "
    "PRIMARY KEY (product_id, lang))",
    "CREATE INDEX ix_product_search_document ON product_search USING GIN (document)",
    "CREATE FUNCTION search_config(lang TEXT) RETURNS regconfig LANGUAGE sql IMMUTABLE AS $$ "
    "SELECT (CASE lang " + " ".join(f"WHEN '{k}' THEN '{v}'" for k, v in PG_CONFIGS.items())
    + " ELSE 'simple' END)::regconfig $$",
    "CREATE FUNCTION product_search_from_products() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
    "IF TG_OP = 'DELETE' THEN DELETE FROM product_search WHERE product_id = OLD.id AND lang = 'en'; "
    "ELSE " + _PG_UPSERT.format(pid="NEW.id", lang="'en'", name="NEW.name", description="NEW.description")
    + "; END IF; UPDATE search_index_state SET version = version + 1 WHERE id = 1; RETURN NULL; END $$",
    "CREATE FUNCTION product_search_from_translations() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
    "IF TG_OP <> 'INSERT' THEN DELETE FROM product_search WHERE product_id = OLD.product_id AND lang = OLD.lang; "
    "END IF; IF TG_OP <> 'DELETE' THEN "
    + _PG_UPSERT.format(pid="NEW.product_id", lang="NEW.lang", name="NEW.name", description="NEW.description")
    + "; END IF; UPDATE search_index_state SET version = version + 1 WHERE id = 1; RETURN NULL; END $$",
    "CREATE TRIGGER product_search_products AFTER INSERT OR UPDATE OF name, description OR DELETE ON products "
    "FOR EACH ROW EXECUTE FUNCTION product_search_from_products()",
    "CREATE TRIGGER product_search_translations AFTER INSERT OR UPDATE OR DELETE ON product_translations "
    "FOR EACH ROW EXECUTE FUNCTION product_search_from_translations()",
]

_PG_BACKFILL = [
    "INSERT INTO product_search (product_id, lang, name, description, document) "
    "SELECT id, 'en', name, coalesce(description, ''), "
    + _PG_DOCUMENT.format(lang="'en'", name="name", description="description") + " FROM products",
    "INSERT INTO product_search (product_id, lang, name, description, document) "
    "SELECT product_id, lang, name, coalesce(description, ''), "
    + _PG_DOCUMENT.format(lang="lang", name="name", description="description") + " FROM product_translations",
    "UPDATE search_index_state SET version = version + 1 WHERE id = 1",
]

_PG_DROP = [
    "DROP TRIGGER IF EXISTS product_search_translations ON product_translations",
    "DROP TRIGGER IF EXISTS product_search_products ON products",
    "DROP FUNCTION IF EXISTS product_search_from_translations()",
    "DROP FUNCTION IF EXISTS product_search_from_products()",
    "DROP TABLE IF EXISTS product_search",
    "DROP FUNCTION IF EXISTS search_config(TEXT)",
    "DROP TABLE IF EXISTS search_index_state",
]


def _pick(dialect: str, sqlite: list[str], postgres: list[str]) -> list[str]:
    if dialect == "sqlite":
        return list(sqlite)
    if dialect == "postgresql":
        return list(postgres)
    raise ValueError(f"the search index supports sqlite and postgresql, not {dialect!r}")


def ddl(dialect: str) -> list[str]:
    """Statements that create the index, its state row and its triggers (empty index)."""
    return _pick(dialect, _SQLITE_DDL, _PG_DDL)


def backfill(dialect: str) -> list[str]:
    """Statements that index every existing product and translation (run once, after :func:`ddl`)."""
    return _pick(dialect, _SQLITE_BACKFILL, _PG_BACKFILL)


def drop_ddl(dialect: str) -> list[str]:
    """Statements that remove everything :func:`ddl` created."""
    return _pick(dialect, _SQLITE_DROP, _PG_DROP)


def version(session: Session) -> int:
    """The index's change counter (goes up with every document inserted, replaced or deleted)."""
    return int(session.exec(text("SELECT version FROM search_index_state WHERE id = 1")).one()[0])


def rebuild(session: Session) -> int:
    """Re-index every product from scratch (repair tool; the triggers normally make this unnecessary).

    Returns the number of documents written."""
    dialect = session.get_bind().dialect.name
    session.exec(text("DELETE FROM product_search"))
    for statement in backfill(dialect):
        session.exec(text(statement))
    return int(session.exec(text("SELECT count(*) FROM product_search")).one()[0])


__all__ = ["INDEX_TABLES", "PG_CONFIGS", "backfill", "ddl", "drop_ddl", "include_in_schema_comparison",
           "pg_config", "rebuild", "version"]
