"""CSV import page (/seller/products/import): the columns documented, an example file, the export of the seller's
own catalogue, an upload through ``rx.upload`` that is checked at once (a dry run: every bad row listed with its
row number, column and reason), and the import itself as a background event with a progress bar.

Every handler re-derives the seller from the session cookie; the uploaded bytes are kept in a backend var
(``_data``, capped at ``csv_io.MAX_BYTES``) and checked again by the import, in one transaction: a file with any
bad row imports nothing.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

import reflex as rx

from marketplace import routes
from marketplace.catalog import csv_io
from marketplace.components.drop_zone import drop_zone
from marketplace.core.errors import DomainError
from marketplace.core.formatting import format_number
from marketplace.core.i18n import N_, format_locale, translate
from marketplace.layouts.backoffice import backoffice
from marketplace.models import Role
from marketplace.pages.seller.common import SELLER_LINKS
from marketplace.present.problems import problem_text
from marketplace.state.auth import login_redirect, role_required
from marketplace.state.loading import market, run_service, run_write
from marketplace.state.locale import t
from marketplace.vendors import catalogue

UPLOAD_ID = "catalogue-csv"
ACCEPT = {"text/csv": [".csv"]}
# what each column holds, shown on the page (the order of csv_io.COLUMNS)
COLUMN_DOCS = (
    ("handle", N_("The product's key and web address: lower-case letters, digits and dashes. Rows with the same "
                  "handle are variants of one product; an existing handle of yours updates that product.")),
    ("name", N_("Product name (first row of a product; later rows may leave it empty).")),
    ("description", N_("Plain text or Markdown.")),
    ("category", N_("A category key, such as tableware or home-textiles (required for a new product).")),
    ("sku", N_("Required. Unique across Meridian: your own SKU updates that variant; another seller's is an error.")),
    ("option1_name, option1_value, option2_name, option2_value", N_("Up to two options, such as Size: Large.")),
    ("price, compare_at_price", N_("In your shop's currency, like 19.99. The compare-at price must be above the "
                                   "price.")),
    ("currency", N_("Your shop's currency, or empty.")),
    ("stock", N_("Units in stock, a whole number.")),
    ("weight_g, length_mm, width_mm, height_mm", N_("Weight in grams (required) and size in millimetres.")),
    ("hs_code, origin_country", N_("HS 2022 code (6 to 10 digits) and the ISO country code where it was made, "
                                   "like PT. Both are needed to publish.")),
    ("name_de, description_de", N_("German name and description; empty means shoppers see the English text.")),
)


@dataclass(frozen=True)
class RowErrorView:
    row: str = ""
    column: str = ""
    message: str = ""


@dataclass(frozen=True)
class ColumnDoc:
    column: str = ""
    text: str = ""


class ProductImportState(rx.State):
    allowed: bool = False
    loaded: bool = False
    denied: str = ""
    columns: list[ColumnDoc] = []
    file_name: str = ""
    summary: str = ""
    errors: list[RowErrorView] = []
    error: str = ""
    ready: bool = False  # a checked file without errors is waiting to be imported
    busy: bool = False
    progress: int = 0  # percent
    notice: str = ""
    _data: bytes = b""

    @rx.event
    async def load(self):
        lang, _, _ = await market(self)
        self.file_name, self.summary, self.errors, self.error, self.notice = "", "", [], "", ""
        self.ready, self.busy, self.progress, self._data = False, False, 0, b""
        try:
            await role_required(self, Role.SELLER)
        except DomainError as exc:
            self.allowed, self.loaded, self.denied = False, True, problem_text(lang, exc)
            return login_redirect(exc, routes.SELLER_PRODUCT_IMPORT)
        self.columns = [ColumnDoc(column=c, text=translate(lang, text)) for c, text in COLUMN_DOCS]
        self.allowed, self.denied, self.loaded = True, "", True
        return None

    def _summary(self, result: csv_io.ImportResult, lang: str) -> str:
        locale = format_locale(lang)
        return translate(lang, "%(rows)s rows: %(products)s new products, %(new)s new variants, %(updated)s "
                               "updated variants.", rows=format_number(result.rows, locale),
                         products=format_number(result.new_products, locale),
                         new=format_number(result.new_variants, locale),
                         updated=format_number(result.updated_variants, locale))

    @rx.event
    async def upload(self, files: list[rx.UploadFile]):
        """Check the uploaded file (a dry run: nothing is written)."""
        lang, _, _ = await market(self)
        self.errors, self.error, self.notice, self.summary, self.ready, self.progress = [], "", "", "", False, 0
        try:
            caller = await role_required(self, Role.SELLER)
            if self.busy:
                return
            if not isinstance(files, list) or not files:
                return
            data = await files[0].read(csv_io.MAX_BYTES + 1)
            data = data if isinstance(data, bytes) else b""
            self.file_name = str(files[0].name or "")[:120]
            result = await run_service(catalogue.import_csv, caller, data, True)
        except DomainError as exc:
            self.error, self._data = problem_text(lang, exc), b""
            return
        self.errors = [RowErrorView(row=str(e.row), column=e.column, message=translate(lang, e.message, **e.params))
                       for e in result.errors]
        self.summary = self._summary(result, lang)
        self.ready = not result.errors
        self._data = data if self.ready else b""

    @rx.event(background=True)
    async def import_file(self):
        """Import the checked file in one transaction, with progress; any bad row imports nothing."""
        async with self:
            lang, _, _ = await market(self)
            if self.busy or not self.ready or not self._data:
                return
            try:
                caller = await role_required(self, Role.SELLER)
            except DomainError as exc:
                self.error = problem_text(lang, exc)
                return
            self.busy, self.progress, self.notice, self.error = True, 0, "", ""
            data = self._data
        counts = {"done": 0, "total": 1}

        def progress(done: int, total: int) -> None:
            counts["done"], counts["total"] = done, max(total, 1)

        task = asyncio.create_task(run_write(catalogue.import_csv, caller, data, False, progress))
        while not task.done():
            await asyncio.sleep(0.25)
            async with self:
                self.progress = min(100, counts["done"] * 100 // counts["total"])
        async with self:
            self.busy, self.ready, self._data = False, False, b""
            try:
                result = task.result()
            except DomainError as exc:
                self.error = problem_text(lang, exc)
                return
            if result.errors:  # the data changed since the check (a SKU taken meanwhile): nothing was written
                self.errors = [RowErrorView(row=str(e.row), column=e.column,
                                            message=translate(lang, e.message, **e.params)) for e in result.errors]
                return
            self.progress = 100
            self.notice = translate(lang, "Imported. %(summary)s", summary=self._summary(result, lang))


def _error_row(e: rx.Var) -> rx.Component:
    return rx.hstack(
        rx.text(t("Row"), " ", e.row, size="2", weight="bold", white_space="nowrap"),
        rx.code(e.column, size="2"),
        rx.text(e.message, size="2"),
        spacing="2", wrap="wrap", align="center", class_name="table-row csv-error", width="100%",
    )


def _column(c: rx.Var) -> rx.Component:
    return rx.vstack(rx.code(c.column, size="2"), rx.text(c.text, size="2", color="var(--gray-11)"),
                     spacing="1", class_name="table-row", width="100%")


def product_import_page() -> rx.Component:
    s = ProductImportState
    return backoffice(
        N_("Seller portal"), SELLER_LINKS, s.allowed, s.denied, s.loaded,
        rx.vstack(
            rx.link(rx.hstack(rx.icon("arrow-left", size=16), t("All products"), spacing="1", align="center"),
                    href=routes.SELLER, size="2"),
            rx.heading(t("Import products"), as_="h1", size="7"),
            rx.text(t("One row per variant. We check the whole file first; if any row has a problem, nothing is "
                      "imported and every problem is listed with its row and column."), size="2"),
            rx.flex(
                rx.button(rx.el.a(rx.icon("download", size=16, aria_hidden="true"), t("Example file (CSV)"),
                                  href=routes.API_SELLER_PRODUCTS_EXAMPLE, download="", id="csv-example",
                                  custom_attrs={"reloadDocument": True}),  # a file, not a page route
                          as_child=True, variant="soft", size="3"),
                rx.button(rx.el.a(rx.icon("download", size=16, aria_hidden="true"), t("Export your products (CSV)"),
                                  href=routes.API_SELLER_PRODUCTS_CSV, download="", id="csv-export",
                                  custom_attrs={"reloadDocument": True}),
                          as_child=True, variant="soft", size="3"),
                spacing="3", wrap="wrap",
            ),
            drop_zone(UPLOAD_ID, ACCEPT, 1, "file-up", N_("Drop a CSV file here or click to choose"),
                      ProductImportState.upload(rx.upload_files(upload_id=UPLOAD_ID))),
            rx.cond(s.file_name != "", rx.text(t("File"), ": ", s.file_name, size="2", color="var(--gray-11)")),
            rx.cond(s.error != "", rx.callout(s.error, icon="triangle-alert", color_scheme="red", role="alert",
                                              width="100%", id="csv-file-error")),
            rx.cond(s.summary != "", rx.text(s.summary, size="2", id="csv-summary")),
            rx.cond(s.errors.length() > 0,
                    rx.vstack(rx.callout(t("Nothing was imported. Fix these rows and upload the file again."),
                                         icon="triangle-alert", color_scheme="red", role="alert", width="100%"),
                              rx.vstack(rx.foreach(s.errors, _error_row), spacing="0", width="100%",
                                        class_name="table-card", id="csv-errors"),
                              spacing="2", width="100%")),
            rx.cond(s.ready | s.busy,
                    rx.vstack(rx.button(t("Import"), size="3", on_click=ProductImportState.import_file,
                                        loading=s.busy, class_name="touch-target", id="csv-import"),
                              rx.cond(s.busy, rx.progress(value=s.progress, max=100, width="100%",
                                                          aria_label=t("Import progress"), id="csv-progress")),
                              spacing="2", width="100%")),
            rx.cond(s.notice != "", rx.callout(s.notice, icon="check", color_scheme="green", high_contrast=True, role="status",
                                               width="100%", id="csv-done")),
            rx.heading(t("Columns"), as_="h2", size="4", margin_top="8px"),
            rx.vstack(rx.foreach(s.columns, _column), spacing="0", width="100%", class_name="table-card",
                      id="csv-columns"),
            spacing="4", width="100%", align="start",
        ),
    )
