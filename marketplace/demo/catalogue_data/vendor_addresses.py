"""Where each demo vendor's parcels leave from: the sender on labels and customs forms.

Contract: ``ADDRESSES`` maps every key of ``vendors.VENDORS`` to a ``ShipFrom``. Streets and numbers are
fictional addresses in the real city of the vendor; postal codes have the country's real format. EORI numbers
(fictional, in the format ``crossborder.customs.validate_eori`` accepts) are given for the EU and UK sellers,
who need one to export. ``return_window_days`` is never below the EU's 14-day right of withdrawal.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ShipFrom:
    street_address: str
    postal_code: str
    phone: str
    region: str = ""
    eori_number: str = ""
    return_window_days: int = 14


ADDRESSES: dict[str, ShipFrom] = {
    "kyoto-kiln": ShipFrom("2-221 Kiyomizu, Higashiyama-ku, Kyoto-shi", "605-0862", "+81 75 541 2211", region="Kyoto",
                           return_window_days=30),
    "navigli-pelle": ShipFrom("Ripa di Porta Ticinese 47", "20143", "+39 02 8940 1147", region="MI",
                              eori_number="IT09412870964"),
    "hexin-digital": ShipFrom("Keji South 12th Road 18, Nanshan District", "518057", "+86 755 8660 1818",
                              region="Guangdong"),
    "voltix-gadgets": ShipFrom("Tianhe Road 385, Tianhe District", "510620", "+86 20 3888 0385",
                               region="Guangdong"),
    "haneul-skin-lab": ShipFrom("Seongsu-ro 77, Seongdong-gu", "04781", "+82 2 465 0777", region="Seoul"),
    "rangrez-textiles": ShipFrom("Johari Bazar 118", "302003", "+91 141 256 1180", region="Rajasthan"),
    "johari-silver": ShipFrom("Johari Bazar 204", "302003", "+91 141 256 2040", region="Rajasthan"),
    "manos-de-oaxaca": ShipFrom("Calle Macedonio Alcalá 407, Centro", "68000", "+52 951 514 0407",
                                region="Oaxaca"),
    "bosphorus-loom": ShipFrom("Kalçın Sokak 12, Kapalıçarşı, Fatih", "34126", "+90 212 519 1212",
                               region="İstanbul"),
    "paulista-athletica": ShipFrom("Rua Augusta 1508, Consolação", "01304-001", "+55 11 3285 1508",
                                   region="SP"),
    "hartley-finch": ShipFrom("14 Walcot Street", "BA1 5BG", "+44 1225 461 414", eori_number="GB204761385000",
                              return_window_days=30),
    "cascade-trail": ShipFrom("1220 SE Hawthorne Blvd", "97214", "+1 503 555 0122", region="OR"),
    "kreuzberg-werk": ShipFrom("Oranienstraße 28", "10999", "+49 30 6107 2828", eori_number="DE4872913",
                               return_window_days=30),
    "maison-verveine": ShipFrom("18 rue des Martyrs", "75009", "+33 1 4526 1818", eori_number="FR84219375600017"),
    "comptoir-bellecour": ShipFrom("9 rue Mercière", "69002", "+33 4 7842 0909",
                                   eori_number="FR51930284700021"),
    "holzwerk-nuernberg": ShipFrom("Weißgerbergasse 15", "90403", "+49 911 2441 515", eori_number="DE6193024"),
    "west-lake-silk": ShipFrom("Hefang Street 96, Shangcheng District", "310002", "+86 571 8780 0960",
                               region="Zhejiang"),
}
