"""Staff accounts and user locking (/staff/people), for admins: the staff team with each member's role (change
it, or remove staff rights), granting a role to an existing account by its e-mail, and finding any account by
e-mail to lock it (signed out everywhere at once, log-in refused) or unlock it, with a reason. The loader and
every handler resolve the caller on the server; ``accounts.staff_admin`` checks the admin's rights."""

from __future__ import annotations

from dataclasses import dataclass

import reflex as rx

from marketplace import routes
from marketplace.accounts import staff_admin
from marketplace.accounts.staff_roles import StaffRole
from marketplace.core.errors import DomainError
from marketplace.core.i18n import N_, translate
from marketplace.layouts.backoffice import backoffice
from marketplace.pages.staff.home import STAFF_LINKS
from marketplace.present.problems import problem_text
from marketplace.state.auth import current_caller, login_redirect
from marketplace.state.loading import market, run_service, run_write
from marketplace.state.locale import t

ROLE_LABELS = {StaffRole.MODERATOR: N_("Moderator: shops, products, reviews, audit log"),
               StaffRole.SUPPORT: N_("Support: support desk, orders, cancellations"),
               StaffRole.FINANCE: N_("Finance: refunds, payouts, FX, commission, analytics")}
SHORT_LABELS = {"admin": N_("Admin"), StaffRole.MODERATOR: N_("Moderator"), StaffRole.SUPPORT: N_("Support"),
                StaffRole.FINANCE: N_("Finance"), "shopper": N_("Shopper"), "seller": N_("Seller")}
MAX_FIELD = 1000


@dataclass(frozen=True)
class PersonRow:
    id: str = ""
    name: str = ""
    email: str = ""
    role: str = ""  # staff role, "admin", "shopper" or "seller"
    role_label: str = ""
    locked: bool = False
    changeable: bool = False  # not an admin (admins are not changed from here)


def _row(lang: str, p: staff_admin.Person) -> PersonRow:
    role = p.staff_role or p.role
    return PersonRow(id=str(p.id), name=p.name, email=p.email, role=role,
                     role_label=translate(lang, SHORT_LABELS.get(role, role)), locked=p.locked,
                     changeable=p.role != "admin")


def _text(form: object, key: str) -> str:
    value = form.get(key, "") if isinstance(form, dict) else ""
    return value if isinstance(value, str) and len(value) <= MAX_FIELD else ""


class StaffPeopleState(rx.State):
    allowed: bool = False
    loaded: bool = False
    denied: str = ""
    error: str = ""
    done: str = ""
    members: list[PersonRow] = []
    found: list[PersonRow] = []  # the account found by e-mail (one, or none)

    async def _reload(self, lang: str):  # noqa: ANN202
        try:
            caller = await current_caller(self)
            people = await run_service(staff_admin.staff_members, caller)
        except DomainError as exc:
            self.allowed, self.loaded, self.members, self.found = False, True, [], []
            self.denied = problem_text(lang, exc)
            return login_redirect(exc, routes.STAFF_PEOPLE)
        self.allowed, self.denied, self.loaded = True, "", True
        self.members = [_row(lang, p) for p in people]
        return None

    async def _act(self, fn, *args, done: str):  # noqa: ANN001, ANN202
        lang, _, _ = await market(self)
        self.error, self.done = "", ""
        try:
            person = await run_write(fn, await current_caller(self), *args)
        except DomainError as exc:
            self.error = problem_text(lang, exc)
            return await self._reload(lang)
        self.done = translate(lang, done, email=person.email)
        if self.found and self.found[0].id == str(person.id):
            self.found = [_row(lang, person)]
        return await self._reload(lang)

    @rx.event
    async def load(self):
        lang, _, _ = await market(self)
        self.error, self.done, self.found = "", "", []
        return await self._reload(lang)

    @rx.event
    async def grant(self, form: dict):
        """``{"email", "staff_role"}``: make an existing account staff, or change a member's role."""
        return await self._act(staff_admin.set_staff_role, _text(form, "email"), _text(form, "staff_role"),
                               done=N_("%(email)s now has this staff role."))

    @rx.event
    async def remove(self, user_id: str):
        if not isinstance(user_id, str) or not user_id.isdigit() or len(user_id) > 12:
            return None
        return await self._act(staff_admin.remove_staff, int(user_id),
                               done=N_("%(email)s is no longer staff and was signed out."))

    @rx.event
    async def find(self, form: dict):
        """``{"email"}``: any account by its e-mail, to lock or unlock it."""
        lang, _, _ = await market(self)
        self.error, self.done, self.found = "", "", []
        try:
            person = await run_service(staff_admin.find_user, await current_caller(self), _text(form, "email"))
        except DomainError as exc:
            self.error = problem_text(lang, exc)
            return None
        self.found = [_row(lang, person)]
        return None

    @rx.event
    async def lock(self, form: dict):
        """``{"id", "reason", "locked": "true"|"false"}``: lock or unlock the account found."""
        user_id, locked = _text(form, "id"), _text(form, "locked")
        if not user_id.isdigit() or len(user_id) > 12 or locked not in ("true", "false"):
            return None
        return await self._act(staff_admin.set_locked, int(user_id), locked == "true", _text(form, "reason"),
                               done=N_("Locked: %(email)s was signed out and cannot log in.") if locked == "true"
                               else N_("Unlocked: %(email)s can log in again."))


def _role_select(name: str, value: rx.Var | str, label: str, id_: rx.Var | str) -> rx.Component:
    return rx.el.label(
        rx.text(t(label), size="2", weight="medium"),
        rx.el.select(*[rx.el.option(t(text), value=role.value) for role, text in ROLE_LABELS.items()],
                     name=name, default_value=value, id=id_, class_name="native-select touch-target"),
        style={"display": "flex", "flex_direction": "column", "gap": "4px", "min_width": "0"},
    )


def _member(p: rx.Var) -> rx.Component:
    s = StaffPeopleState
    return rx.vstack(
        rx.hstack(rx.text(p.name, weight="bold", size="3"), rx.badge(p.role_label, variant="soft", radius="full"),
                  rx.cond(p.locked, rx.badge(t("Locked"), color_scheme="red", variant="soft")),
                  spacing="2", align="center", wrap="wrap"),
        rx.text(p.email, size="2", color="var(--gray-11)", style={"overflow_wrap": "anywhere"}),
        rx.cond(p.changeable, rx.flex(
            rx.form(rx.el.input(type="hidden", name="email", value=p.email),
                    rx.flex(_role_select("staff_role", p.role, N_("Role"), "role-" + p.id.to(str)),
                            rx.button(t("Save role"), type="submit", size="3", variant="soft",
                                      class_name="touch-target"),
                            gap="8px", align="end", wrap="wrap"),
                    on_submit=s.grant, reset_on_submit=False),
            rx.button(t("Remove from staff"), type="button", size="3", color_scheme="red", variant="soft",
                      on_click=s.remove(p.id), class_name="touch-target staff-remove"),
            gap="8px", align="end", wrap="wrap")),
        spacing="2", width="100%", align="start", class_name="table-card staff-member", padding="16px",
    )


def _grant_form() -> rx.Component:
    return rx.form(
        rx.grid(
            rx.el.label(rx.text(t("E-mail of the account"), size="2", weight="medium"),
                        rx.input(name="email", type="email", size="3", id="grant-email", width="100%",
                                 max_length=254, required=True),
                        style={"display": "flex", "flex_direction": "column", "gap": "4px", "min_width": "0"}),
            _role_select("staff_role", StaffRole.SUPPORT.value, N_("Role"), "grant-role"),
            columns=rx.breakpoints(initial="1", md="2"), spacing="3", width="100%"),
        rx.box(rx.button(t("Give staff role"), type="submit", size="3", id="grant-submit",
                         class_name="touch-target"), padding_top="12px"),
        rx.text(t("The person signs up with their own account first; a seller's account cannot become staff."),
                size="1", color="var(--gray-11)", padding_top="8px"),
        on_submit=StaffPeopleState.grant, reset_on_submit=True, width="100%",
    )


def _lock_form(p: rx.Var) -> rx.Component:
    return rx.form(
        rx.el.input(type="hidden", name="id", value=p.id),
        rx.el.input(type="hidden", name="locked", value=rx.cond(p.locked, "false", "true")),
        rx.el.label(rx.text(t("Reason (kept in the audit log)"), size="2", weight="medium"),
                    rx.text_area(name="reason", rows="2", width="100%", max_length=staff_admin.MAX_REASON,
                                 id="lock-reason"),
                    style={"display": "flex", "flex_direction": "column", "gap": "4px", "width": "100%"}),
        rx.box(rx.cond(p.locked,
                       rx.button(t("Unlock account"), type="submit", size="3", id="lock-submit",
                                 class_name="touch-target"),
                       rx.button(t("Lock account"), type="submit", size="3", color_scheme="red", id="lock-submit",
                                 class_name="touch-target")), padding_top="8px"),
        on_submit=StaffPeopleState.lock, reset_on_submit=True, width="100%",
    )


def _found(p: rx.Var) -> rx.Component:
    return rx.vstack(
        rx.hstack(rx.text(p.name, weight="bold", size="3"), rx.badge(p.role_label, variant="soft", radius="full"),
                  rx.cond(p.locked, rx.badge(t("Locked"), color_scheme="red", variant="soft", id="found-locked")),
                  spacing="2", align="center", wrap="wrap"),
        rx.text(p.email, size="2", color="var(--gray-11)", style={"overflow_wrap": "anywhere"}),
        rx.cond(p.changeable, _lock_form(p),
                rx.text(t("Admin accounts are not changed or locked from the console."), size="2")),
        spacing="2", width="100%", align="start", class_name="table-card", padding="16px", id="found-account",
    )


def _section(title: str, *children: rx.Component) -> rx.Component:
    return rx.vstack(rx.heading(t(title), as_="h2", size="5"), *children, spacing="3", width="100%", align="start")


def staff_people() -> rx.Component:
    s = StaffPeopleState
    return backoffice(
        N_("Staff console"), STAFF_LINKS, s.allowed, s.denied, s.loaded,
        rx.vstack(
            rx.heading(t("People"), as_="h1", size="7", id="people-heading"),
            rx.cond(s.error != "", rx.callout(s.error, icon="triangle-alert", color_scheme="red", role="alert",
                                              id="people-error", width="100%")),
            rx.cond(s.done != "", rx.callout(s.done, icon="check", color_scheme="grass", high_contrast=True, role="status",
                                             id="people-done", width="100%")),
            _section(N_("Staff team"),
                     rx.grid(rx.foreach(s.members, _member), columns=rx.breakpoints(initial="1", lg="2"),
                             spacing="3", width="100%", id="staff-members"),
                     _grant_form()),
            _section(N_("Lock or unlock an account"),
                     rx.form(rx.flex(
                         rx.input(name="email", type="email", size="3", placeholder="name@example.com",
                                  aria_label=t("E-mail of the account"), id="find-email", max_length=254,
                                  required=True, style={"flex": "1 1 220px"}),
                         rx.button(t("Find"), type="submit", size="3", id="find-submit", class_name="touch-target"),
                         gap="8px", wrap="wrap", width="100%"), on_submit=s.find, reset_on_submit=False, width="100%"),
                     rx.foreach(s.found, _found)),
            spacing="6", width="100%", align="start",
        ),
    )
