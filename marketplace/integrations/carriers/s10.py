"""UPU S10 item identifiers: two letters (service indicator), an 8-digit serial, a check digit, two letters
(the issuer's ISO 3166-1 alpha-2 country), e.g. ``RR473124829GB``.

Contract: :func:`check_digit` is S10's: the serial's digits weighted 8 6 4 2 3 5 9 7, summed; 11 minus the
sum modulo 11, with 10 written as 0 and 11 as 5. :func:`identifier` builds a number (``ValueError`` on bad
parts); :func:`is_valid` checks the form and the check digit of any text.
"""

from __future__ import annotations

import re

WEIGHTS = (8, 6, 4, 2, 3, 5, 9, 7)
_FORM = re.compile(r"[A-Z]{2}\d{9}[A-Z]{2}")


def check_digit(serial: str) -> int:
    if not (len(serial) == 8 and serial.isdigit() and serial.isascii()):
        raise ValueError(f"an S10 serial is 8 digits, got {serial!r}")
    remainder = 11 - sum(int(digit) * weight for digit, weight in zip(serial, WEIGHTS, strict=True)) % 11
    return {10: 0, 11: 5}.get(remainder, remainder)


def identifier(indicator: str, serial: int, country: str) -> str:
    if not (len(indicator) == 2 and indicator.isalpha() and indicator.isupper() and indicator.isascii()):
        raise ValueError(f"an S10 service indicator is two capital letters, got {indicator!r}")
    if not (len(country) == 2 and country.isalpha() and country.isupper() and country.isascii()):
        raise ValueError(f"an S10 country is two capital letters, got {country!r}")
    if isinstance(serial, bool) or not isinstance(serial, int) or not 0 <= serial < 10**8:
        raise ValueError(f"an S10 serial is 0 to 99999999, got {serial!r}")
    digits = f"{serial:08d}"
    return f"{indicator}{digits}{check_digit(digits)}{country}"


def is_valid(number: object) -> bool:
    return (isinstance(number, str) and _FORM.fullmatch(number) is not None
            and check_digit(number[2:10]) == int(number[10]))


__all__ = ["WEIGHTS", "check_digit", "identifier", "is_valid"]
