"""The canned replies a new installation starts with (staff edit them in the desk): (title, language, body).
Pure data, read by the migration that creates the table and by the demo seed."""

from __future__ import annotations

DEFAULTS: tuple[tuple[str, str, str], ...] = (
    ("Thanks, we're on it", "en",
     "Hello,\n\nthank you for getting in touch. We're looking into this now and will get back to you within "
     "24 hours.\n\nBest regards,\nMeridian support"),
    ("Where is my parcel?", "en",
     "Hello,\n\nyour parcel is on its way. You can follow it with the tracking link on your order page "
     "(Account → Orders). International parcels can take a few extra days in customs.\n\n"
     "Best regards,\nMeridian support"),
    ("How returns work", "en",
     "Hello,\n\nyou can ask for a return on your order page (Account → Orders → Return). Once the seller "
     "approves it you get a return label; the refund follows when the parcel arrives.\n\n"
     "Best regards,\nMeridian support"),
    ("Import duty and VAT", "en",
     "Hello,\n\nthe import duty and VAT shown at checkout were included in your price, so there is nothing "
     "more to pay on delivery. If a carrier asks you for money, please send us a photo of the notice.\n\n"
     "Best regards,\nMeridian support"),
    ("Solved, closing", "en",
     "Hello,\n\nwe're glad this is sorted out. We'll close this conversation now; just reply if you need "
     "anything else.\n\nBest regards,\nMeridian support"),
    ("Danke, wir kümmern uns", "de",
     "Hallo,\n\nvielen Dank für Ihre Nachricht. Wir sehen uns das jetzt an und melden uns innerhalb von "
     "24 Stunden bei Ihnen.\n\nViele Grüße\nIhr Meridian-Support"),
    ("Wo ist mein Paket?", "de",
     "Hallo,\n\nIhr Paket ist unterwegs. Sie können es über den Sendungslink auf Ihrer Bestellseite verfolgen "
     "(Konto → Bestellungen). Internationale Sendungen brauchen im Zoll manchmal ein paar Tage länger.\n\n"
     "Viele Grüße\nIhr Meridian-Support"),
    ("So funktionieren Rücksendungen", "de",
     "Hallo,\n\nSie können eine Rücksendung auf Ihrer Bestellseite anfragen (Konto → Bestellungen → "
     "Rücksendung). Sobald der Verkäufer zustimmt, erhalten Sie ein Rücksendeetikett; die Erstattung folgt, "
     "wenn das Paket angekommen ist.\n\nViele Grüße\nIhr Meridian-Support"),
    ("Einfuhrabgaben und Mehrwertsteuer", "de",
     "Hallo,\n\nZoll und Einfuhrumsatzsteuer waren bereits im Preis an der Kasse enthalten; bei der Zustellung "
     "ist nichts mehr zu zahlen. Falls ein Paketdienst Geld verlangt, schicken Sie uns bitte ein Foto der "
     "Benachrichtigung.\n\nViele Grüße\nIhr Meridian-Support"),
    ("Gelöst, wir schließen", "de",
     "Hallo,\n\nschön, dass sich das geklärt hat. Wir schließen diese Unterhaltung jetzt; antworten Sie einfach, "
     "wenn Sie noch etwas brauchen.\n\nViele Grüße\nIhr Meridian-Support"),
)
