"""ISO 4217 currencies and their minor-unit exponents.

Contract:
    ``MINOR_UNITS`` maps every *active* ISO 4217 currency code (List One, as in force in
    October 2026) that has a defined minor unit to its exponent: the number of decimal
    places of one minor unit (EUR 2 -> cents, JPY 0, KWD 3, CLF 4). It is read-only.
    Amounts are stored, computed and sent to payment providers with these exponents;
    ``marketplace.core.money`` is the only consumer that should need it directly.

Source: ISO 4217 List One (minor-unit column), maintained by SIX Group for ISO; the set of
circulating codes was cross-checked against the CLDR 47 tender data shipped in Babel 2.18
(``babel.core.get_global("territory_currencies")``). Refresh when ISO publishes an amendment.

Where CLDR (and so Babel's ``get_currency_precision``) disagrees with ISO we follow ISO for
amounts; Babel only decides *display* (and ``formatting.format_money`` shows ISO digits too).
The well-known divergences are IQD (ISO 3 vs CLDR 0), RSD (2 vs 0) and MGA (2 vs 0). Babel 2.18
(CLDR 47) also gives 0 digits for AFN, ALL, IRR, KPW, LAK, LBP, MMK, SOS, SYP and YER, all 2 in
ISO. ``CLDR_DIGITS_DIFFER`` lists the thirteen; a unit test keeps it in step with Babel:

    ====  ====  =============
    code  ISO   CLDR / Babel
    ====  ====  =============
    IQD   3     0
    RSD   2     0
    MGA   2     0
    AFN   2     0
    ALL   2     0
    IRR   2     0
    KPW   2     0
    LAK   2     0
    LBP   2     0
    MMK   2     0
    SOS   2     0
    SYP   2     0
    YER   2     0
    ====  ====  =============

(CLDR also has *cash* digits, e.g. HUF, TWD, IDR, CZK, SEK, NOK 0 and CHF/CAD cash rounding
to 0.05: those apply to cash only and never to card amounts.)

Deliberately left out:
    * codes whose ISO minor unit is "N.A." (XAU, XAG, XPT, XPD, XDR, XBA-XBD, XSU, XUA,
      XTS, XXX): they are not amounts a shopper can pay;
    * withdrawn codes: BGN (Bulgaria adopted the euro on 2026-01-01), ANG (replaced by XCG,
      2025), HRK (euro, 2023), SLL (replaced by SLE), ZWL (replaced by ZWG, 2024),
      CUC (abolished 2021), and older ones.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Final

_TABLE: dict[str, int] = {
    "AED": 2,  # UAE dirham
    "AFN": 2,  # Afghani (CLDR: 0)
    "ALL": 2,  # Lek (CLDR: 0)
    "AMD": 2,  # Armenian dram
    "AOA": 2,  # Kwanza
    "ARS": 2,  # Argentine peso
    "AUD": 2,  # Australian dollar
    "AWG": 2,  # Aruban florin
    "AZN": 2,  # Azerbaijan manat
    "BAM": 2,  # Convertible mark
    "BBD": 2,  # Barbados dollar
    "BDT": 2,  # Taka
    "BHD": 3,  # Bahraini dinar
    "BIF": 0,  # Burundi franc
    "BMD": 2,  # Bermudian dollar
    "BND": 2,  # Brunei dollar
    "BOB": 2,  # Boliviano
    "BOV": 2,  # Mvdol (fund code)
    "BRL": 2,  # Brazilian real
    "BSD": 2,  # Bahamian dollar
    "BTN": 2,  # Ngultrum
    "BWP": 2,  # Pula
    "BYN": 2,  # Belarusian ruble
    "BZD": 2,  # Belize dollar
    "CAD": 2,  # Canadian dollar
    "CDF": 2,  # Congolese franc
    "CHE": 2,  # WIR euro (complementary currency)
    "CHF": 2,  # Swiss franc
    "CHW": 2,  # WIR franc (complementary currency)
    "CLF": 4,  # Unidad de Fomento (fund code)
    "CLP": 0,  # Chilean peso
    "CNY": 2,  # Yuan renminbi
    "COP": 2,  # Colombian peso
    "COU": 2,  # Unidad de Valor Real (fund code)
    "CRC": 2,  # Costa Rican colon
    "CUP": 2,  # Cuban peso
    "CVE": 2,  # Cabo Verde escudo
    "CZK": 2,  # Czech koruna
    "DJF": 0,  # Djibouti franc
    "DKK": 2,  # Danish krone
    "DOP": 2,  # Dominican peso
    "DZD": 2,  # Algerian dinar
    "EGP": 2,  # Egyptian pound
    "ERN": 2,  # Nakfa
    "ETB": 2,  # Ethiopian birr
    "EUR": 2,  # Euro
    "FJD": 2,  # Fiji dollar
    "FKP": 2,  # Falkland Islands pound
    "GBP": 2,  # Pound sterling
    "GEL": 2,  # Lari
    "GHS": 2,  # Ghana cedi
    "GIP": 2,  # Gibraltar pound
    "GMD": 2,  # Dalasi
    "GNF": 0,  # Guinean franc
    "GTQ": 2,  # Quetzal
    "GYD": 2,  # Guyana dollar
    "HKD": 2,  # Hong Kong dollar
    "HNL": 2,  # Lempira
    "HTG": 2,  # Gourde
    "HUF": 2,  # Forint
    "IDR": 2,  # Rupiah
    "ILS": 2,  # New Israeli sheqel
    "INR": 2,  # Indian rupee
    "IQD": 3,  # Iraqi dinar (CLDR: 0)
    "IRR": 2,  # Iranian rial (CLDR: 0)
    "ISK": 0,  # Iceland krona
    "JMD": 2,  # Jamaican dollar
    "JOD": 3,  # Jordanian dinar
    "JPY": 0,  # Yen
    "KES": 2,  # Kenyan shilling
    "KGS": 2,  # Som
    "KHR": 2,  # Riel
    "KMF": 0,  # Comorian franc
    "KPW": 2,  # North Korean won (CLDR: 0)
    "KRW": 0,  # Won
    "KWD": 3,  # Kuwaiti dinar
    "KYD": 2,  # Cayman Islands dollar
    "KZT": 2,  # Tenge
    "LAK": 2,  # Lao kip (CLDR: 0)
    "LBP": 2,  # Lebanese pound (CLDR: 0)
    "LKR": 2,  # Sri Lanka rupee
    "LRD": 2,  # Liberian dollar
    "LSL": 2,  # Loti
    "LYD": 3,  # Libyan dinar
    "MAD": 2,  # Moroccan dirham
    "MDL": 2,  # Moldovan leu
    "MGA": 2,  # Malagasy ariary (CLDR: 0)
    "MKD": 2,  # Denar
    "MMK": 2,  # Kyat (CLDR: 0)
    "MNT": 2,  # Tugrik
    "MOP": 2,  # Pataca
    "MRU": 2,  # Ouguiya
    "MUR": 2,  # Mauritius rupee
    "MVR": 2,  # Rufiyaa
    "MWK": 2,  # Malawi kwacha
    "MXN": 2,  # Mexican peso
    "MXV": 2,  # Mexican Unidad de Inversion (fund code)
    "MYR": 2,  # Malaysian ringgit
    "MZN": 2,  # Mozambique metical
    "NAD": 2,  # Namibia dollar
    "NGN": 2,  # Naira
    "NIO": 2,  # Cordoba oro
    "NOK": 2,  # Norwegian krone
    "NPR": 2,  # Nepalese rupee
    "NZD": 2,  # New Zealand dollar
    "OMR": 3,  # Rial Omani
    "PAB": 2,  # Balboa
    "PEN": 2,  # Sol
    "PGK": 2,  # Kina
    "PHP": 2,  # Philippine peso
    "PKR": 2,  # Pakistan rupee
    "PLN": 2,  # Zloty
    "PYG": 0,  # Guarani
    "QAR": 2,  # Qatari rial
    "RON": 2,  # Romanian leu
    "RSD": 2,  # Serbian dinar (CLDR: 0)
    "RUB": 2,  # Russian ruble
    "RWF": 0,  # Rwanda franc
    "SAR": 2,  # Saudi riyal
    "SBD": 2,  # Solomon Islands dollar
    "SCR": 2,  # Seychelles rupee
    "SDG": 2,  # Sudanese pound
    "SEK": 2,  # Swedish krona
    "SGD": 2,  # Singapore dollar
    "SHP": 2,  # Saint Helena pound
    "SLE": 2,  # Leone
    "SOS": 2,  # Somali shilling (CLDR: 0)
    "SRD": 2,  # Surinam dollar
    "SSP": 2,  # South Sudanese pound
    "STN": 2,  # Dobra
    "SVC": 2,  # El Salvador colon
    "SYP": 2,  # Syrian pound (CLDR: 0)
    "SZL": 2,  # Lilangeni
    "THB": 2,  # Baht
    "TJS": 2,  # Somoni
    "TMT": 2,  # Turkmenistan new manat
    "TND": 3,  # Tunisian dinar
    "TOP": 2,  # Pa'anga
    "TRY": 2,  # Turkish lira
    "TTD": 2,  # Trinidad and Tobago dollar
    "TWD": 2,  # New Taiwan dollar
    "TZS": 2,  # Tanzanian shilling
    "UAH": 2,  # Hryvnia
    "UGX": 0,  # Uganda shilling
    "USD": 2,  # US dollar
    "USN": 2,  # US dollar (next day) (fund code)
    "UYI": 0,  # Uruguay peso en unidades indexadas (fund code)
    "UYU": 2,  # Peso uruguayo
    "UYW": 4,  # Unidad previsional (fund code)
    "UZS": 2,  # Uzbekistan sum
    "VED": 2,  # Bolivar soberano (digital)
    "VES": 2,  # Bolivar soberano
    "VND": 0,  # Dong
    "VUV": 0,  # Vatu
    "WST": 2,  # Tala
    "XAF": 0,  # CFA franc BEAC
    "XCD": 2,  # East Caribbean dollar
    "XCG": 2,  # Caribbean guilder (replaced ANG in 2025)
    "XOF": 0,  # CFA franc BCEAO
    "XPF": 0,  # CFP franc
    "YER": 2,  # Yemeni rial (CLDR: 0)
    "ZAR": 2,  # Rand
    "ZMW": 2,  # Zambian kwacha
    "ZWG": 2,  # Zimbabwe gold
}

MINOR_UNITS: Final = MappingProxyType(_TABLE)
"""Active ISO 4217 code -> minor-unit exponent (read-only)."""

CLDR_DIGITS_DIFFER: Final = MappingProxyType(
    {
        "IQD": (3, 0),
        "RSD": (2, 0),
        "MGA": (2, 0),
        "AFN": (2, 0),
        "ALL": (2, 0),
        "IRR": (2, 0),
        "KPW": (2, 0),
        "LAK": (2, 0),
        "LBP": (2, 0),
        "MMK": (2, 0),
        "SOS": (2, 0),
        "SYP": (2, 0),
        "YER": (2, 0),
    }
)
"""Codes whose ISO exponent differs from CLDR's display digits: code -> (iso, cldr)."""


def is_active(code: str) -> bool:
    """Whether ``code`` is an active ISO 4217 code with a minor unit in this table.

    >>> is_active("EUR"), is_active("eur"), is_active("BGN"), is_active("XAU")
    (True, False, False, False)
    """
    return code in MINOR_UNITS


__all__ = ["CLDR_DIGITS_DIFFER", "MINOR_UNITS", "is_active"]
