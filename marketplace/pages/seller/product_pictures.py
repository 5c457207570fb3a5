"""The "Pictures" section of the seller product page (/seller/products/[id]): upload, order, describe and
remove the product's pictures.

Every handler re-derives the seller from the session cookie (``role_required``), reads the product id from
the page's route (never from a var), validates its arguments and calls ``vendors/images.py``, which checks
ownership and the shop's lock again. The upload arrives through Reflex's ``POST /_upload`` (not the socket):
each file is read with a cap of 8 MB + 1 byte, so a larger file is refused without being held whole.
"""

from __future__ import annotations

from dataclasses import dataclass

import reflex as rx

from marketplace.catalog import media
from marketplace.components.drop_zone import drop_zone
from marketplace.core.errors import DomainError
from marketplace.core.i18n import N_, translate
from marketplace.core.settings import get_settings
from marketplace.models import Role
from marketplace.pages.seller.common import parse_id
from marketplace.present.cards import image_url
from marketplace.present.problems import problem_text
from marketplace.state.auth import role_required
from marketplace.state.loading import market, run_service, run_write
from marketplace.state.locale import t
from marketplace.vendors import images as vendor_images

UPLOAD_ID = "product-pictures"
ACCEPT = {"image/jpeg": [".jpg", ".jpeg"], "image/png": [".png"], "image/webp": [".webp"]}
SAVED = N_("Pictures saved.")


@dataclass(frozen=True)
class PictureView:
    id: str = ""
    thumb: str = ""
    alt: str = ""
    number: str = ""  # 1-based place, shown
    first: bool = False
    last: bool = False


def _product_id(state: rx.State) -> int:
    return parse_id(state.router.url.path.removeprefix("/seller/products/").strip("/")) or 0


class SellerPicturesState(rx.State):
    pictures: list[PictureView] = []
    error: str = ""
    notice: str = ""
    busy: bool = False

    def _show(self, rows: list[vendor_images.SellerImage], lang: str, saved: bool) -> None:
        last = len(rows) - 1
        self.pictures = [PictureView(id=str(r.id), thumb=image_url(r.thumb_path), alt=r.alt, number=str(i + 1),
                                     first=i == 0, last=i == last) for i, r in enumerate(rows)]
        self.error = ""
        self.notice = translate(lang, SAVED) if saved else ""

    def _fail(self, exc: DomainError, lang: str) -> None:
        self.error, self.notice = problem_text(lang, exc), ""

    @rx.event
    async def load(self):
        lang, _, _ = await market(self)
        self.pictures, self.error, self.notice, self.busy = [], "", "", False
        try:
            caller = await role_required(self, Role.SELLER)
            rows = await run_service(vendor_images.product_images, caller, _product_id(self))
        except DomainError:
            return  # the product section above shows the refusal
        self._show(rows, lang, saved=False)

    @rx.event
    async def upload(self, files: list[rx.UploadFile]):
        lang, _, _ = await market(self)
        try:
            caller = await role_required(self, Role.SELLER)
            payload: list[tuple[str, bytes]] = []
            if isinstance(files, list):
                for f in files[: vendor_images.MAX_IMAGES + 1]:
                    data = await f.read(media.MAX_BYTES + 1)
                    payload.append((str(f.name or ""), data if isinstance(data, bytes) else b""))
            if not payload:
                return  # the drop zone sends an empty drop beside a refused one; refused_in_browser says why
            rows = await run_write(vendor_images.add_images, caller, _product_id(self), payload,
                                   get_settings().upload_dir)
        except DomainError as exc:
            self._fail(exc, lang)
            return
        self._show(rows, lang, saved=True)

    @rx.event
    async def refused_in_browser(self, names: list):
        """The browser's own check (type, count) refused files before upload (``names``: their file names, for
        display only); say why in our words."""
        lang, _, _ = await market(self)
        names = [n for n in names if isinstance(n, str)] if isinstance(names, list) else []
        svg = any(n.lower().endswith(".svg") for n in names)
        self.error = translate(lang, media.MSG_SVG if svg else media.MSG_TYPE)
        self.notice = ""

    @rx.event
    async def move(self, image_id: str, step: int):
        lang, _, _ = await market(self)
        try:
            caller = await role_required(self, Role.SELLER)
            rows = await run_write(vendor_images.move_image, caller, _product_id(self), parse_id(image_id) or 0,
                                   step if isinstance(step, int) and not isinstance(step, bool) else 0)
        except DomainError as exc:
            self._fail(exc, lang)
            return
        self._show(rows, lang, saved=True)

    @rx.event
    async def save_alt(self, image_id: str, alt: str):
        lang, _, _ = await market(self)
        try:
            caller = await role_required(self, Role.SELLER)
            rows = await run_write(vendor_images.set_alt, caller, _product_id(self), parse_id(image_id) or 0,
                                   alt if isinstance(alt, str) else None)
        except DomainError as exc:
            self._fail(exc, lang)
            return
        self._show(rows, lang, saved=True)

    @rx.event
    async def remove(self, image_id: str):
        lang, _, _ = await market(self)
        try:
            caller = await role_required(self, Role.SELLER)
            rows = await run_write(vendor_images.remove_image, caller, _product_id(self), parse_id(image_id) or 0,
                                   get_settings().upload_dir)
        except DomainError as exc:
            self._fail(exc, lang)
            return
        self._show(rows, lang, saved=True)


def _remove_dialog(p: rx.Var) -> rx.Component:
    return rx.alert_dialog.root(
        rx.alert_dialog.trigger(rx.button(rx.icon("trash-2", size=14), t("Remove"), variant="soft", color_scheme="red",
                                          size="3", aria_label=t("Remove picture"), class_name="touch-target")),
        rx.alert_dialog.content(
            rx.alert_dialog.title(t("Remove this picture?")),
            rx.alert_dialog.description(t("Shoppers will no longer see it. This can't be undone."), size="2"),
            rx.hstack(
                rx.alert_dialog.cancel(rx.button(t("Keep it"), variant="soft", color_scheme="gray")),
                rx.alert_dialog.action(rx.button(t("Remove"), color_scheme="red",
                                                 on_click=SellerPicturesState.remove(p.id))),
                spacing="3", justify="end", margin_top="16px",
            ),
            max_width="420px",
        ),
    )


def _picture(p: rx.Var) -> rx.Component:
    return rx.flex(
        rx.image(src=p.thumb, alt=p.alt, width="96px", height="96px", object_fit="cover",
                 border_radius="var(--radius-3)", flex_shrink="0"),
        rx.vstack(
            rx.text(t("Picture"), " ", p.number, weight="medium", size="2"),
            rx.hstack(
                # saved when the field loses focus (a click on "Save" does that too, as does Tab)
                rx.input(default_value=p.alt, max_length=200, placeholder=t("Describe the picture"),
                         aria_label=t("Picture description (alt text)"), width="100%", size="3",
                         on_blur=lambda value: SellerPicturesState.save_alt(p.id, value)),
                rx.button(t("Save"), type="button", variant="soft", size="3", class_name="touch-target"),
                spacing="2", width="100%",
            ),
            rx.hstack(
                rx.button(rx.icon("arrow-up", size=14), t("Move up"), variant="outline", size="3", class_name="touch-target",
                          disabled=p.first, on_click=SellerPicturesState.move(p.id, -1)),
                rx.button(rx.icon("arrow-down", size=14), t("Move down"), variant="outline", size="3", class_name="touch-target",
                          disabled=p.last, on_click=SellerPicturesState.move(p.id, 1)),
                _remove_dialog(p),
                spacing="2", wrap="wrap",
            ),
            spacing="2", width="100%",
        ),
        spacing="3", width="100%", align="start", padding="12px", class_name="picture-row table-row",
        key=p.id,  # a row per picture, so a reorder moves its text field with it
    )


def pictures_section() -> rx.Component:
    s = SellerPicturesState
    return rx.vstack(
        rx.heading(t("Pictures"), as_="h2", size="4"),
        rx.text(t("JPEG, PNG or WebP, up to 8 MB and 40 megapixels each. The first picture is shown in the shop."),
                size="2", color="var(--gray-11)"),
        # the label wraps the drop zone so its hidden file input is named by the zone's text; a click on it
        # opens the file chooser through the label (no_click keeps the drop zone from opening a second one)
        drop_zone(UPLOAD_ID, ACCEPT, vendor_images.MAX_IMAGES, "image-plus", N_("Drop pictures here or click to choose"),
                  SellerPicturesState.upload(rx.upload_files(upload_id=UPLOAD_ID)), SellerPicturesState.refused_in_browser),
        rx.cond(s.error, rx.callout(s.error, icon="triangle-alert", color_scheme="red", role="alert", width="100%",
                                    id="pictures-error")),
        rx.cond(s.notice, rx.text(s.notice, size="2", color="var(--green-12)", role="status", id="pictures-notice")),
        rx.cond(s.pictures.length() > 0,
                rx.vstack(rx.foreach(s.pictures, _picture), spacing="0", width="100%", class_name="table-card",
                          id="pictures-list"),
                rx.text(t("No pictures yet."), size="2", color="var(--gray-11)")),
        spacing="3", width="100%", align="start",
    )
