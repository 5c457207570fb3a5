"""CSV cells a spreadsheet will not run: the one rule every CSV export of the app uses.

Contract: :func:`safe_cell` puts an apostrophe before a text cell that starts with a character a spreadsheet
would read as a formula (``=``, ``+``, ``-``, ``@``, tab, carriage return: the OWASP "CSV injection" list);
any other text is returned unchanged. :func:`unsafe_cell` undoes it for a cell read back from such a file.
Numbers written by the exporters themselves (amounts, counts) are not passed through it.
"""

from __future__ import annotations

RISKY = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: str) -> str:
    """A text cell a spreadsheet will not run as a formula.

    >>> safe_cell("=HYPERLINK(1)"), safe_cell("vendor.approved")
    ("'=HYPERLINK(1)", 'vendor.approved')
    """
    return f"'{value}" if value.startswith(RISKY) else value


def unsafe_cell(value: str) -> str:
    """The text of a cell :func:`safe_cell` wrote (the apostrophe it added is dropped).

    >>> unsafe_cell("'=1"), unsafe_cell("'plain"), unsafe_cell("plain")
    ('=1', "'plain", 'plain')
    """
    return value[1:] if value.startswith("'") and value[1:].startswith(RISKY) else value
