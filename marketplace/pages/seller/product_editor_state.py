"""State of the catalogue editor (/seller/products/new and /seller/products/[id]/edit; the page is
``product_editor.py``).

Every handler re-derives the seller from the session cookie (``role_required``), reads the product id from the
page's route (never from a var: ``_product_id`` is a backend var set by ``load``), validates its arguments (field
names from fixed sets, indexes in range, text capped) and calls ``vendors/catalogue.py``, which checks ownership,
the shop's lock and every value again. Form values live in small string vars; nothing the client sends is trusted
until the service has checked it on Save.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import reflex as rx

from marketplace import routes
from marketplace.catalog.editor import MAX_VARIANTS, ProductInput, suggest_hs
from marketplace.catalog.variant_rules import VariantFields
from marketplace.core.errors import DomainError
from marketplace.core.i18n import DEFAULT_LANGUAGE, LANGUAGES, N_, translate
from marketplace.models import Role
from marketplace.pages.seller.common import parse_id
from marketplace.present import editor as present
from marketplace.present.cards import format_hs
from marketplace.present.problems import problem_text
from marketplace.state.auth import login_redirect, role_required
from marketplace.state.loading import market, run_service, run_write
from marketplace.vendors import catalogue
from marketplace.vendors.portal import listing_lock

MAX_TEXT = 10_000
PRODUCT_FIELDS = frozenset({"name", "description", "category", "option1", "option2", "hs_code", "origin"})
VARIANT_FIELDS = frozenset({"sku", "value1", "value2", "price", "compare_at", "stock", "weight_g", "length_mm",
                            "width_mm", "height_mm"})
TRANSLATION_FIELDS = frozenset({"name", "description"})
SAVED = N_("Saved.")
PUBLISHED = N_("Published: the product is in the shop.")
VARIANT_ERROR = N_("Variant %(number)s: %(error)s")
MISSING_TRANSLATION = N_("Not translated: shoppers see the English text.")


@dataclass(frozen=True)
class VariantForm:
    key: str = ""  # "v<id>" for a saved variant, "n<k>" for a new one
    number: str = ""
    existing: bool = False
    sku: str = ""
    value1: str = ""
    value2: str = ""
    price: str = ""
    compare_at: str = ""
    stock: str = "0"
    weight_g: str = ""
    length_mm: str = "0"
    width_mm: str = "0"
    height_mm: str = "0"


@dataclass(frozen=True)
class TranslationForm:
    lang: str = ""
    language: str = ""
    name: str = ""
    description: str = ""
    fallback_name: str = ""  # the English text shoppers see while this is empty
    missing: bool = True


def _product_id(state: rx.State) -> int:
    path = state.router.url.path.removeprefix("/seller/products/").removesuffix("/edit").strip("/")
    return parse_id(path) or 0


class ProductEditorState(rx.State):
    allowed: bool = False
    loaded: bool = False
    denied: str = ""
    is_new: bool = True
    status: str = "draft"
    currency: str = ""
    name: str = ""
    description: str = ""
    category: str = ""
    option1: str = ""
    option2: str = ""
    hs_code: str = ""
    origin: str = ""
    variants: list[VariantForm] = []
    translations: list[TranslationForm] = []
    categories: list[list[str]] = []
    countries: list[list[str]] = []
    suggestions: list[present.SuggestionView] = []
    hs_title: str = ""
    preview: list[present.PreviewRow] = []
    preview_note: str = ""
    problems: list[str] = []
    destinations: list[present.DestinationLine] = []
    error: str = ""
    error_field: str = ""
    notice: str = ""
    lock: str = ""  # why this shop cannot publish yet ("" when it can)
    storefront: str = ""
    product_href: str = ""
    _product_id: int = 0
    _vendor_country: str = ""
    _new_keys: int = 0

    # -- loading ---------------------------------------------------------------------------------------------

    @rx.event
    async def load(self):
        self.loaded, self.error, self.error_field, self.notice = False, "", "", ""
        lang, _, _ = await market(self)
        is_new = self.router.url.path.rstrip("/") == routes.SELLER_PRODUCT_NEW
        product_id = 0 if is_new else _product_id(self)
        try:
            caller = await role_required(self, Role.SELLER)
            shop = await run_service(catalogue.shop_currency, caller)
            self.categories = [[str(i), name] for i, name in await run_service(catalogue.categories, caller, lang)]
            edit = None if is_new else await run_service(catalogue.load_product, caller, product_id)
        except DomainError as exc:
            self.allowed, self.loaded, self.denied = False, True, problem_text(lang, exc)
            self._product_id = 0
            return login_redirect(exc, self.router.url.path)
        self.allowed, self.denied, self.is_new = True, "", is_new
        self.currency, self._vendor_country = shop[0], shop[1]
        self.lock = translate(lang, lock) if (lock := listing_lock(shop[2])) else ""
        self.countries = present.country_choices(lang)
        self._new_keys = 0
        if edit is None:
            self._product_id, self.status = 0, "draft"
            self.name = self.description = self.option1 = self.option2 = self.hs_code = ""
            self.category, self.origin = "", shop[1]
            self.variants = [self._blank_variant()]
            self.translations = self._translations({}, lang)
            self.storefront = self.product_href = ""
        else:
            self._fill(edit, lang)
        self._refresh_hs(lang, suggest=True)
        self._refresh_preview(lang)
        self.problems, self.destinations = [], []
        if not is_new:
            await self._refresh_report(caller, lang)
        self.loaded = True
        return None

    def _fill(self, edit, lang: str) -> None:  # noqa: ANN001
        self._product_id, self.status = edit.id, edit.status
        self.name, self.description, self.category = edit.name, edit.description, str(edit.category_id)
        first = edit.variants[0].fields if edit.variants else VariantFields()
        self.option1, self.option2 = first.option1_name, first.option2_name
        self.hs_code = format_hs(first.hs_code) if first.hs_code else ""
        self.origin = first.origin_country or self._vendor_country
        self.variants = [VariantForm(
            key=f"v{v.id}", number=str(i + 1), existing=True, sku=v.fields.sku, value1=v.fields.option1_value,
            value2=v.fields.option2_value, price=v.fields.price, compare_at=v.fields.compare_at_price,
            stock=v.fields.stock, weight_g=v.fields.weight_g, length_mm=v.fields.length_mm,
            width_mm=v.fields.width_mm, height_mm=v.fields.height_mm) for i, v in enumerate(edit.variants)]
        self.translations = self._translations(edit.translations, lang)
        self.storefront = routes.product(edit.slug)
        self.product_href = routes.seller_product(edit.id)

    def _translations(self, saved: dict, lang: str) -> list[TranslationForm]:
        return [TranslationForm(lang=code, language=language, name=saved.get(code, ("", ""))[0],
                                description=saved.get(code, ("", ""))[1], fallback_name=self.name,
                                missing=code not in saved)
                for code, language in LANGUAGES.items() if code != DEFAULT_LANGUAGE]

    def _blank_variant(self) -> VariantForm:
        self._new_keys += 1
        return VariantForm(key=f"n{self._new_keys}", number=str(len(self.variants) + 1))

    # -- editing (no database) --------------------------------------------------------------------------------

    @rx.event
    async def set_field(self, name: str, value: str):
        """One product-level field; ``name`` from :data:`PRODUCT_FIELDS`."""
        if name not in PRODUCT_FIELDS or not isinstance(value, str) or len(value) > MAX_TEXT:
            return
        lang, _, _ = await market(self)
        try:
            await role_required(self, Role.SELLER)  # the HS suggestions and preview are for sellers
        except DomainError:
            return
        setattr(self, name, value)
        if name == "name":
            self.translations = [replace(t, fallback_name=value) for t in self.translations]
        if name in ("name", "description"):
            self._refresh_hs(lang, suggest=True)
        if name in ("hs_code", "origin", "name"):
            self._refresh_hs(lang, suggest=False)
            self._refresh_preview(lang)

    @rx.event
    async def set_variant(self, index: int, name: str, value: str):
        """One field of one variant row; ``index`` in range, ``name`` from :data:`VARIANT_FIELDS`."""
        if (isinstance(index, bool) or not isinstance(index, int) or not 0 <= index < len(self.variants)
                or name not in VARIANT_FIELDS or not isinstance(value, str) or len(value) > 100):
            return
        if name == "stock" and self.variants[index].existing:
            return  # a saved variant's stock changes on the stock page, not here
        lang, _, _ = await market(self)
        rows = list(self.variants)
        rows[index] = replace(rows[index], **{name: value})
        self.variants = rows
        if index == 0:
            self._refresh_preview(lang)

    @rx.event
    def add_variant(self):
        if len(self.variants) < MAX_VARIANTS:
            self.variants = [*self.variants, self._blank_variant()]

    @rx.event
    def remove_variant(self, index: int):
        """Remove a variant row that is not saved yet (saved variants stay: orders may name them)."""
        if (isinstance(index, bool) or not isinstance(index, int) or not 0 <= index < len(self.variants)
                or self.variants[index].existing or len(self.variants) == 1):
            return
        rows = [v for i, v in enumerate(self.variants) if i != index]
        self.variants = [replace(v, number=str(i + 1)) for i, v in enumerate(rows)]

    @rx.event
    async def set_translation(self, lang_code: str, name: str, value: str):
        if (lang_code not in LANGUAGES or lang_code == DEFAULT_LANGUAGE or name not in TRANSLATION_FIELDS
                or not isinstance(value, str) or len(value) > MAX_TEXT):
            return
        self.translations = [replace(t, **{name: value}) if t.lang == lang_code else t for t in self.translations]

    @rx.event
    async def choose_hs(self, code: str):
        """Take one of the suggestions shown (``code`` must be one of them)."""
        if not isinstance(code, str) or code not in {s.code for s in self.suggestions}:
            return
        lang, _, _ = await market(self)
        self.hs_code = format_hs(code)
        self._refresh_hs(lang, suggest=False)
        self._refresh_preview(lang)

    def _variant_fields(self, v: VariantForm) -> VariantFields:
        return VariantFields(sku=v.sku, option1_name=self.option1, option1_value=v.value1, option2_name=self.option2,
                             option2_value=v.value2, price=v.price, compare_at_price=v.compare_at, stock=v.stock,
                             weight_g=v.weight_g, length_mm=v.length_mm, width_mm=v.width_mm, height_mm=v.height_mm,
                             hs_code=self.hs_code, origin_country=self.origin)

    def _refresh_hs(self, lang: str, suggest: bool) -> None:
        if suggest:
            text = f"{self.name}\n{self.description}"[:400]
            self.suggestions = present.suggestion_views(suggest_hs(text)) if self.name.strip() else []
        self.hs_title = present.hs_title(self.hs_code, lang)

    def _refresh_preview(self, lang: str) -> None:
        if not self.variants:
            self.preview, self.preview_note = [], ""
            return
        rows, note = present.price_preview(self._variant_fields(self.variants[0]), self.currency, self._vendor_country,
                                           self.name, lang)
        self.preview, self.preview_note = rows, note

    async def _refresh_report(self, caller, lang: str) -> None:  # noqa: ANN001
        report = await run_service(catalogue.publish_report, caller, self._product_id)
        self.status = report.status
        self.problems = present.problem_lines(report.problems, lang)
        self.destinations = present.destination_lines(report.destinations, lang)

    # -- saving and publishing ----------------------------------------------------------------------------------

    def _input(self) -> ProductInput:
        return ProductInput(
            name=self.name, description=self.description, category_id=parse_id(self.category) or 0,
            translations={t.lang: (t.name, t.description) for t in self.translations},
            variants=tuple((parse_id(v.key[1:]) if v.existing else None, self._variant_fields(v))
                           for v in self.variants))

    def _fail(self, exc: DomainError, lang: str) -> None:
        text = problem_text(lang, exc)
        field = exc.field or ""
        if field.startswith("variants.") and field.count(".") == 2:
            number = int(field.split(".")[1]) + 1
            text = translate(lang, VARIANT_ERROR, number=number, error=text)
        self.error, self.error_field, self.notice = text, field, ""

    @rx.event
    async def save(self):
        lang, _, _ = await market(self)
        try:
            caller = await role_required(self, Role.SELLER)
            product_id = await run_write(catalogue.save_product, caller, self._product_id or None, self._input())
        except DomainError as exc:
            self._fail(exc, lang)
            return None
        if not self._product_id:
            return rx.redirect(routes.seller_product_edit(product_id))
        edit = await run_service(catalogue.load_product, caller, product_id)
        self._fill(edit, lang)
        await self._refresh_report(caller, lang)
        self.error, self.error_field, self.notice = "", "", translate(lang, SAVED)
        return None

    @rx.event
    async def publish(self):
        """Save the form, then list the product; the reasons it cannot be listed yet are shown when refused."""
        lang, _, _ = await market(self)
        try:
            caller = await role_required(self, Role.SELLER)
        except DomainError as exc:
            self._fail(exc, lang)
            return None
        if not self._product_id:
            return None
        try:
            await run_write(catalogue.save_product, caller, self._product_id, self._input())
            await run_write(catalogue.publish, caller, self._product_id)
        except DomainError as exc:
            self._fail(exc, lang)
            await self._refresh_report(caller, lang)
            return None
        await self._refresh_report(caller, lang)
        self.error, self.error_field, self.notice = "", "", translate(lang, PUBLISHED)
        return None
