"""Demo reviews: real review rows behind every rating the demo shows.

Contract:
- ``seed_reviews(session, catalogue, product_ids, reference_date)`` adds ``REVIEWERS`` (shopper accounts that
  cannot log in: their password hash is not a hash) and, for each catalogue product with a target rating, at
  most ``MAX_PER_PRODUCT`` approved reviews whose stars average to that target (rounded to what whole stars
  allow), plus one pending review on every ``PENDING_EVERY``-th product, so the staff review queue has work.
  Texts come from a fixed set in English and German (the reviewer's language). Everything is drawn from
  ``random.Random`` seeded per product slug: two runs give identical rows.
- Then every product's stored rating and review count are recomputed from its approved reviews
  (``vendors.review_moderation.refresh_rating``): no product shows a rating without approved reviews behind it.
- Demo reviews are not tied to order lines (``verified`` is false on the product page): the demo's orders are
  placed by the people trying it.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlmodel import Session

from marketplace.models import Review, Role, User
from marketplace.vendors.review_moderation import refresh_rating

MAX_PER_PRODUCT = 6
PENDING_EVERY = 18
NO_LOGIN_HASH = "!demo-reviewer"  # not an argon2 hash: verify_password is always False


@dataclass(frozen=True)
class Reviewer:
    email: str
    name: str
    lang: str
    country: str
    currency: str


REVIEWERS: tuple[Reviewer, ...] = (
    Reviewer("reviewer.anna@meridian.test", "Anna Kowalski", "en", "GB", "GBP"),
    Reviewer("reviewer.jonas@meridian.test", "Jonas Becker", "de", "DE", "EUR"),
    Reviewer("reviewer.sofia@meridian.test", "Sofia Rossi", "en", "IT", "EUR"),
    Reviewer("reviewer.liam@meridian.test", "Liam Murphy", "en", "US", "USD"),
    Reviewer("reviewer.mia@meridian.test", "Mia Schneider", "de", "AT", "EUR"),
    Reviewer("reviewer.hana@meridian.test", "Hana Sato", "en", "JP", "JPY"),
    Reviewer("reviewer.lucas@meridian.test", "Lucas Martin", "en", "FR", "EUR"),
    Reviewer("reviewer.emma@meridian.test", "Emma Fischer", "de", "CH", "CHF"),
    Reviewer("reviewer.noah@meridian.test", "Noah Brown", "en", "AU", "AUD"),
    Reviewer("reviewer.olivia@meridian.test", "Olivia Chen", "en", "CA", "CAD"),
    Reviewer("reviewer.paul@meridian.test", "Paul Wagner", "de", "DE", "EUR"),
    Reviewer("reviewer.zoe@meridian.test", "Zoë Dubois", "en", "BE", "EUR"),
)

# (title, body) per star count and language
TEXTS: dict[str, dict[int, tuple[tuple[str, str], ...]]] = {
    "en": {
        5: (("Beautiful and well made", "Even nicer in person than in the photos. Arrived well packed, duties "
             "were exactly what checkout said."),
            ("Exactly as described", "Quality is excellent and it arrived sooner than the estimate. Would buy "
             "from this shop again."),
            ("A lovely gift", "Bought it as a present and it was a hit. Careful packaging, no surprises at the door.")),
        4: (("Very good", "Good quality and true to the description. Delivery took a few days longer than "
             "I hoped, but tracking was clear."),
            ("Happy with it", "Nice finish, solid feel. Slightly different colour than on my screen."),
            ("Good value", "Well made for the price. The landed cost shown at checkout was spot on.")),
        3: (("Decent", "It is fine, nothing special. The size was a little smaller than I expected."),
            ("OK overall", "Does the job. Packaging could have been better; one corner was dented.")),
        2: (("Not quite what I expected", "The material feels thinner than the pictures suggest. The seller "
             "answered my message quickly, though."),),
        1: (("Disappointed", "Arrived with a scratch. The seller offered a return, but I expected better."),),
    },
    "de": {
        5: (("Wunderschön und sorgfältig gemacht", "In echt noch schöner als auf den Fotos. Gut verpackt, und "
             "die Zollgebühren waren genau wie an der Kasse angezeigt."),
            ("Genau wie beschrieben", "Hervorragende Qualität, schneller als angekündigt da. Gerne wieder."),
            ("Ein schönes Geschenk", "Als Geschenk gekauft und es kam sehr gut an. Keine Überraschungen an der Tür.")),
        4: (("Sehr gut", "Gute Qualität und wie beschrieben. Die Lieferung dauerte etwas länger, aber die "
             "Sendungsverfolgung war klar."),
            ("Zufrieden", "Schöne Verarbeitung. Die Farbe ist etwas anders als auf meinem Bildschirm."),
            ("Preis-Leistung stimmt", "Gut gemacht für den Preis. Die Endkosten an der Kasse stimmten genau.")),
        3: (("In Ordnung", "Ganz okay, nichts Besonderes. Etwas kleiner als erwartet."),
            ("Insgesamt okay", "Erfüllt seinen Zweck. Die Verpackung hätte besser sein können.")),
        2: (("Nicht ganz wie erwartet", "Das Material wirkt dünner als auf den Bildern. Der Verkäufer hat aber "
             "schnell geantwortet."),),
        1: (("Enttäuscht", "Kam mit einem Kratzer an. Eine Rücksendung wurde angeboten, trotzdem schade."),),
    },
}


def _stars(target_x10: int, count: int, rng: random.Random) -> list[int]:
    """``count`` whole-star ratings whose average is the nearest they can get to ``target_x10`` / 10."""
    total = max(count, min(5 * count, (target_x10 * count + 5) // 10))
    base, extra = divmod(total, count)
    stars = [base + 1] * extra + [base] * (count - extra)
    rng.shuffle(stars)
    return stars


def _users(session: Session, reference_date: datetime) -> list[User]:
    users = []
    for r in REVIEWERS:
        user = User(email=r.email, password_hash=NO_LOGIN_HASH, display_name=r.name, role=Role.SHOPPER,
                    language=r.lang, currency=r.currency, ship_to_country=r.country, created_at=reference_date)
        session.add(user)
        users.append(user)
    session.flush()
    return users


def _review(user: User, product_id: int, stars: int, rng: random.Random, at: datetime, status: str) -> Review:
    title, body = rng.choice(TEXTS[user.language][stars])
    return Review(product_id=product_id, user_id=user.id, rating=stars, title=title, body=body, lang=user.language,
                  status=status, created_at=at, moderated_at=at if status == "approved" else None)


def seed_reviews(session: Session, catalogue, product_ids: dict[str, int], reference_date: datetime) -> int:  # noqa: ANN001
    """Add the reviewers and their reviews; returns how many reviewer accounts were added."""
    users = _users(session, reference_date)
    for n, p in enumerate(catalogue.products):
        rng = random.Random(f"reviews:{p.slug}")
        product_id = product_ids[p.slug]
        count = min(p.review_count, MAX_PER_PRODUCT) if p.rating_x10 else 0
        authors = rng.sample(users, count + 1)
        for i, stars in enumerate(_stars(p.rating_x10, count, rng) if count else []):
            at = reference_date - timedelta(days=rng.randint(0, max(0, p.age_days)), hours=rng.randint(0, 23))
            session.add(_review(authors[i], product_id, stars, rng, at, "approved"))
        if n % PENDING_EVERY == 0:
            at = reference_date - timedelta(hours=rng.randint(1, 72))
            session.add(_review(authors[count], product_id, rng.choice((2, 4, 5)), rng, at, "pending"))
    session.flush()
    for product_id in product_ids.values():
        refresh_rating(session, product_id)
    session.flush()
    return len(users)
