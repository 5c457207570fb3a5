"""The shipping label PDF (documents/label.py): every field reads back, the page is 4 x 6 inches, and the
barcode drawn as rectangles decodes back to the tracking number."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from marketplace.documents import code128
from marketplace.documents.label import ShippingLabel, render, weight_text

LABEL = ShippingLabel(
    carrier="Meridian embedded carrier",
    service="Tracked standard parcel",
    tracking_number="CP473124829XX",
    sender=("Sakura Ceramics", "1-2-3 Asakusa", "111-0032 Taito-ku", "Tokyo", "JP"),
    recipient=("Jürgen Müller", "Müller & Söhne GmbH", "Hauptstraße 5", "Hinterhaus", "10115 Berlin", "DE"),
    weight_g=1234,
    reference="VO-12",
    customs_form="CN22",
    notice="A demonstration label, not valid for postage.",
)


def _text(data: bytes) -> str:
    return PdfReader(io.BytesIO(data)).pages[0].extract_text()


def test_every_field_reads_back():
    data = render(LABEL)
    text = _text(data)
    for expected in ("Meridian embedded carrier", "Service: Tracked standard parcel", "Weight: 1.234 kg",
                     "Reference: VO-12", "FROM", "TO", *LABEL.sender, *LABEL.recipient, "CP473124829XX",
                     "CUSTOMS DECLARATION CN22 attached", "A demonstration label, not valid for postage."):
        assert expected in text, expected
    page = PdfReader(io.BytesIO(data)).pages[0]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (288, 432)  # 4 x 6 in


def test_no_customs_line_without_a_form_and_the_invoice_wording_for_couriers():
    plain = _text(render(ShippingLabel(**{**LABEL.__dict__, "customs_form": None, "reference": ""})))
    assert "CUSTOMS" not in plain and "INVOICE" not in plain and "Reference" not in plain
    courier = _text(render(ShippingLabel(**{**LABEL.__dict__, "customs_form": "INVOICE"})))
    assert "COMMERCIAL INVOICE attached" in courier and "CUSTOMS DECLARATION" not in courier


@pytest.mark.parametrize(("grams", "text"), [(1234, "1.234 kg"), (5, "0.005 kg"), (30000, "30.000 kg")])
def test_weight_prints_in_kilograms_exactly(grams, text):
    assert weight_text(grams) == text


def _drawn_bars(data: bytes) -> list[tuple[float, float]]:
    """(x, width) of every filled rectangle on the page, left to right."""
    content = PdfReader(io.BytesIO(data)).pages[0].get_contents().get_data().decode("latin-1")
    found = re.findall(r"(-?[\d.]+) (-?[\d.]+) (-?[\d.]+) (-?[\d.]+) re f\b", content)
    return sorted((float(x), float(w)) for x, _y, w, _h in found)


def _decode(bars: list[tuple[float, float]]) -> str:
    module = min(width for _x, width in bars)
    widths: list[int] = []
    for index, (x, width) in enumerate(bars):
        widths.append(round(width / module))
        if index + 1 < len(bars):
            widths.append(round((bars[index + 1][0] - x - width) / module))
    symbols = ["".join(map(str, widths[i:i + 6])) for i in range(0, len(widths) - 7, 6)]
    values = [code128.PATTERNS.index(symbol) for symbol in symbols]
    assert "".join(map(str, widths[-7:])) == code128.PATTERNS[code128.STOP]
    start, *data, check = values
    assert start == code128.START_B
    assert check == code128.check_value(data)
    return "".join(chr(value + 32) for value in data)


@pytest.mark.parametrize("number", ["CP473124829XX", "EA000000005XX", "Order 42/b~"])
def test_the_drawn_barcode_decodes_to_the_tracking_number(number):
    bars = _drawn_bars(render(ShippingLabel(**{**LABEL.__dict__, "tracking_number": number})))
    assert len(bars) == 3 * (len(number) + 2) + 4  # 3 bars a symbol (start, data..., check), 4 in the stop
    assert _decode(bars) == number


def test_a_label_without_addresses_or_with_an_unencodable_number_is_refused():
    with pytest.raises(ValueError):
        render(ShippingLabel(**{**LABEL.__dict__, "recipient": ()}))
    with pytest.raises(ValueError):
        render(ShippingLabel(**{**LABEL.__dict__, "tracking_number": "Ünicode"}))


def _recipient_size(data: bytes) -> float:
    """The font size set right after the small bold "TO" heading (the second 7 pt bold heading)."""
    content = PdfReader(io.BytesIO(data)).pages[0].get_contents().get_data().decode("latin-1")
    sizes = [float(size) for size in re.findall(r"/F\d+ ([\d.]+) Tf", content)]
    headings = [index for index, size in enumerate(sizes) if size == 7]
    return sizes[headings[1] + 1]


def test_a_long_recipient_prints_smaller_and_one_too_long_for_the_page_is_refused():
    long = ("Maximiliane Alexandra von und zu Hohenlohe-Waldenburg-Schillingsfürst", "Feinkost & Delikatessen "
            "Großhandelsgesellschaft mit beschränkter Haftung", "Kurfürstendamm 195, Seitenflügel, 4. Obergeschoss",
            "c/o Empfangsbüro", "10707 Berlin-Charlottenburg-Wilmersdorf", "DE")
    data = render(ShippingLabel(**{**LABEL.__dict__, "recipient": long}))
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 1 and "10707 Berlin-Charlottenburg-Wilmersdorf" in _text(data)
    assert _recipient_size(render(LABEL)) == 12 and _recipient_size(data) < 12
    with pytest.raises(ValueError, match="too long"):
        render(ShippingLabel(**{**LABEL.__dict__, "recipient": long * 4}))
