"""Code 128 (ISO/IEC 15417), code set B: text to the widths of bars and spaces, in modules.

Contract:
- :func:`encode` takes printable ASCII (space to ``~``, code set B: values = character code - 32) and returns
  the symbol as a tuple of module widths, alternating bar, space, bar, ... starting with a bar: start B,
  one symbol per character, the check symbol, then the stop pattern (which ends with a bar). Quiet zones
  (10 modules each side) are the renderer's business.
- The check symbol is (104 + sum of position x value) mod 103, positions counted from 1 (:func:`check_value`).
- Each data, start and check symbol is 6 widths (3 bars, 3 spaces) of 11 modules; the stop is 7 widths of 13.
- Anything outside code set B raises ``ValueError``; so does empty text.
"""

from __future__ import annotations

PATTERNS: tuple[str, ...] = (
    "212222", "222122", "222221", "121223", "121322", "131222", "122213", "122312", "132212", "221213",
    "221312", "231212", "112232", "122132", "122231", "113222", "123122", "123221", "223211", "221132",
    "221231", "213212", "223112", "312131", "311222", "321122", "321221", "312212", "322112", "322211",
    "212123", "212321", "232121", "111323", "131123", "131321", "112313", "132113", "132311", "211313",
    "231113", "231311", "112133", "112331", "132131", "113123", "113321", "133121", "313121", "211331",
    "231131", "213113", "213311", "213131", "311123", "311321", "331121", "312113", "312311", "332111",
    "314111", "221411", "431111", "111224", "111422", "121124", "121421", "141122", "141221", "112214",
    "112412", "122114", "122411", "142112", "142211", "241211", "221114", "413111", "241112", "134111",
    "111242", "121142", "121241", "114212", "124112", "124211", "411212", "421112", "421211", "212141",
    "214121", "412121", "111143", "111341", "131141", "114113", "114311", "411113", "411311", "113141",
    "114131", "311141", "411131", "211412", "211214", "211232", "2331112",
)
"""The bar/space widths of symbol values 0 to 105 and the stop (106)."""

START_B = 104
STOP = 106
QUIET_ZONE_MODULES = 10


def values(text: str) -> list[int]:
    """The code set B values of ``text`` (character code - 32)."""
    if not isinstance(text, str) or not text:
        raise ValueError("Code 128 needs some text")
    bad = [c for c in text if not " " <= c <= "~"]
    if bad:
        raise ValueError(f"Code 128 set B cannot encode {''.join(bad)!r}")
    return [ord(c) - 32 for c in text]


def check_value(data: list[int]) -> int:
    """The modulo-103 check symbol's value for set B data values."""
    return (START_B + sum(position * value for position, value in enumerate(data, start=1))) % 103


def encode(text: str) -> tuple[int, ...]:
    """Module widths of the whole symbol (bar first), e.g. 11 x (len(text) + 2) + 13 modules in all."""
    data = values(text)
    symbols = [START_B, *data, check_value(data), STOP]
    return tuple(int(width) for symbol in symbols for width in PATTERNS[symbol])


__all__ = ["PATTERNS", "QUIET_ZONE_MODULES", "START_B", "STOP", "check_value", "encode", "values"]
