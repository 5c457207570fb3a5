"""Harmonized System (HS 2022) codes: normalise, validate and suggest.

Contract:
    * :func:`normalise` turns the ways sellers write a code ("6109.10", "6109 10", "610910",
      "6109.10.0010") into digits only. It accepts a ``str`` of 6 to 10 ASCII digits, written
      either as one run or as groups of at least two digits separated by single dots or
      single spaces (outer whitespace is ignored). Anything else raises
      :class:`InvalidHsCode` with ``code == "hs_format"``.
    * :func:`validate` normalises, then checks that the 2-digit chapter, the 4-digit heading and
      the 6-digit subheading exist in the bundled HS 2022 nomenclature (``data/hs2022.csv``,
      see ``data/SOURCES.md``). National digits 7-10 differ per country and are not checked.
      Chapter 99 of the data file ("Commodities not specified according to kind") is a
      statistical code of UN Comtrade, not an HS chapter, and is treated as unknown.
    * :func:`suggest` ranks 6-digit subheadings for a seller's plain-language product
      description (see "How suggestions are ranked" below). It is deterministic and fast: the
      index is built once, on first use, and cached for the life of the process.

The errors carry a stable ``code`` (for the UI's message catalogue) and an English ``message``.

How suggestions are ranked
--------------------------
1. **Text folding.** Descriptions and queries go through the same pipeline: Unicode NFKD with
   accents dropped, case folded, possessives removed ("men's" -> "men"), single letters joined
   to a hyphenated word ("T-shirts" -> "tshirts"), split on anything that is not a letter or a
   digit, stop words dropped ("and", "of", "other", ...), then a light English stemmer
   (plurals: "-ies" -> "-y", "-ches/-shes/-xes/-sses" -> drop "es", final "s" and final "e"
   dropped, a few irregular plurals such as "knives").
2. **Negations removed from the official texts.** Clauses that say what a subheading is *not*
   ("(other than cotton)", "excluding telephone sets", "not knitted or crocheted", "neither
   crushed nor ground") are cut before indexing, so "cotton" does not match "of textile
   materials (other than cotton)". "whether or not ..." is kept, and so is what follows
   "including" inside a negated parenthesis ("(excluding medicaments, including sunscreen)").
3. **Fields.** Each subheading is a document with three fields: its own text (weight 1.0), its
   heading's text (0.5) and its chapter's title (0.2). A term scores the weight of the best
   field it appears in times its inverse document frequency over all HS texts (chapters,
   headings and subheadings), so rare words ("handbags", "earphones") count more than common
   ones ("articles", "parts").
4. **Query concepts and synonyms.** Each query word is a concept. Retail words the HS texts do
   not use are expanded through :data:`SYNONYMS` ("t-shirt" -> "@6109 T-shirts singlets",
   "earbuds" -> "@851830 headphones earphones", "laptop" -> "@847130 automatic data processing
   machines portable", ...): every word of an expansion becomes a concept of its own, and its
   "@" hints (an HS chapter, heading or subheading prefix) together form one more concept that
   a document under any of them matches, with the weight of a fairly rare word. A multi-word
   entry ("power bank", "yoga mat") replaces its words; a one-word entry keeps the word too. A
   concept scores its best alternative plus a quarter of the others it also matches; a query
   word unknown to the HS vocabulary also tries up to five vocabulary words that begin with it
   (at 0.6). The same concept twice ("ceramic" typed and implied by "mug") counts once.
5. **Score.** The sum over concepts, divided by the best score the query could reach, gives a
   value in [0, 1]; a document must match at least one concept to be listed. Catch-all
   subheadings (their text says "n.e.c." / "not elsewhere specified", or starts a clause with
   "other") are multiplied by 0.8, and long texts are damped slightly (1 / (1 + 0.01 per
   token beyond 12)) so that a short specific text beats a long list that happens to contain
   the words.
6. **Order.** Descending score, then ascending code. Scores are rounded to 4 decimals before
   sorting so that the order is the same on every platform.

Measured on the development machine (57 retail descriptions of the unit tests): building the
index takes about 0.25 s, once per process; a query then takes 0.16 ms at the median and about
3 ms at worst ("ceramic vase", whose words are common in the nomenclature).
"""

from __future__ import annotations

import csv
import functools
import io
import math
import re
import unicodedata
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from types import MappingProxyType

DATA_FILE = "hs2022.csv"
MIN_DIGITS = 6
MAX_DIGITS = 10
_NOT_HS_CHAPTERS = frozenset({"99"})  # UN Comtrade's "not specified according to kind"


class InvalidHsCode(ValueError):
    """An HS code that is malformed or not in the HS 2022 nomenclature.

    ``code`` is one of:

    * ``"hs_format"``: not a string of 6-10 digits (after removing single dots or spaces
      between digit groups), or other characters.
    * ``"hs_unknown_chapter"``: the first two digits are not an HS 2022 chapter.
    * ``"hs_unknown_heading"``: the first four digits are not a heading of that chapter.
    * ``"hs_unknown_subheading"``: the first six digits are not a subheading of that heading.

    ``message`` is a human-readable English sentence; ``params`` holds values for translations.
    """

    def __init__(self, code: str, message: str, **params: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.params = params


@dataclass(frozen=True)
class HsInfo:
    """A valid code and its official titles (``code`` may carry national digits 7-10)."""

    code: str
    chapter: str
    chapter_title: str
    heading: str
    heading_title: str
    subheading: str
    subheading_title: str


@dataclass(frozen=True)
class HsSuggestion:
    """One candidate subheading for a product description; ``score`` is in [0, 1]."""

    code: str
    title: str
    heading: str
    heading_title: str
    score: float


# -- the nomenclature ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _Nomenclature:
    chapters: Mapping[str, str]
    headings: Mapping[str, str]
    subheadings: Mapping[str, str]


@functools.cache
def _nomenclature() -> _Nomenclature:
    text = (resources.files("marketplace.crossborder") / "data" / DATA_FILE).read_text(encoding="utf-8")
    by_level: dict[str, dict[str, str]] = {"2": {}, "4": {}, "6": {}}
    for row in csv.DictReader(io.StringIO(text)):
        level, code = row["level"], row["hscode"]
        if level not in by_level or code[:2] in _NOT_HS_CHAPTERS:
            continue  # the "TOTAL" row and chapter 99
        if len(code) != int(level) or not code.isdigit():
            raise ValueError(f"{DATA_FILE}: code {code!r} does not match level {level}")
        by_level[level][code] = row["description"]
    return _Nomenclature(
        chapters=MappingProxyType(by_level["2"]),
        headings=MappingProxyType(by_level["4"]),
        subheadings=MappingProxyType(by_level["6"]),
    )


def subheadings() -> Mapping[str, str]:
    """Every HS 2022 6-digit subheading and its official description (read-only)."""
    return _nomenclature().subheadings


# -- normalise and validate ---------------------------------------------------------------------

_CODE_FORM = re.compile(r"[0-9]{2,}(?:[. ][0-9]{2,})*")


def normalise(code: object) -> str:
    """The digits of an HS code written with optional dots or spaces.

    >>> normalise("6109.10"), normalise("6109 10"), normalise(" 610910 "), normalise("6109.10.0010")
    ('610910', '610910', '610910', '6109100010')

    Raises:
        InvalidHsCode: ``hs_format`` for a non-string, an empty string, letters, fewer than 6 or
            more than 10 digits, or separators other than single dots or spaces between groups
            of at least two digits ("6109-10", "6109..10", ".610910").
    """
    if not isinstance(code, str):
        raise InvalidHsCode(
            "hs_format", f"an HS code must be text, not {type(code).__name__}", value=repr(code)
        )
    text = code.strip()
    if not _CODE_FORM.fullmatch(text):
        raise InvalidHsCode(
            "hs_format",
            f"{code!r} is not an HS code: use 6 to 10 digits, optionally grouped with dots or spaces "
            "(e.g. 6109.10)",
            value=code,
        )
    digits = text.replace(".", "").replace(" ", "")
    if not MIN_DIGITS <= len(digits) <= MAX_DIGITS:
        raise InvalidHsCode(
            "hs_format",
            f"{code!r} has {len(digits)} digits; an HS code has 6 to 10 digits (e.g. 6109.10)",
            value=code,
        )
    return digits


def validate(code: object) -> HsInfo:
    """Normalise ``code`` and check its chapter, heading and subheading exist in HS 2022.

    >>> info = validate("6109.10.0010")
    >>> info.code, info.subheading, info.heading_title
    ('6109100010', '610910', 'T-shirts, singlets and other vests; knitted or crocheted')

    Raises:
        InvalidHsCode: ``hs_format``, ``hs_unknown_chapter``, ``hs_unknown_heading`` or
            ``hs_unknown_subheading`` (checked in that order).
    """
    digits = normalise(code)
    nom = _nomenclature()
    chapter, heading, sub = digits[:2], digits[:4], digits[:6]
    if chapter not in nom.chapters:
        raise InvalidHsCode(
            "hs_unknown_chapter", f"{chapter} is not a chapter of the HS 2022 nomenclature", chapter=chapter
        )
    if heading not in nom.headings:
        raise InvalidHsCode(
            "hs_unknown_heading",
            f"{heading[:2]}.{heading[2:]} is not a heading of HS 2022 chapter {chapter}",
            heading=heading,
        )
    if sub not in nom.subheadings:
        raise InvalidHsCode(
            "hs_unknown_subheading",
            f"{sub[:4]}.{sub[4:]} is not a subheading of HS 2022 heading {heading[:2]}.{heading[2:]}",
            subheading=sub,
        )
    return HsInfo(
        code=digits,
        chapter=chapter,
        chapter_title=nom.chapters[chapter],
        heading=heading,
        heading_title=nom.headings[heading],
        subheading=sub,
        subheading_title=nom.subheadings[sub],
    )


# -- text folding -------------------------------------------------------------------------------

_STOP_WORDS_TEXT = """a an and or of the for with without in on to by from at as into per its their this that these
    those than other others thereof therefor therefore whether not n e c nec etc ie eg such like kind kinds
    used use heading headings chapter chapters subheading item items no be being is are was were including
    include includes having has made mainly wholly only any all similar similarly same type types
    """
STOP_WORDS = frozenset(_STOP_WORDS_TEXT.split())
"""Words the ranker ignores: grammar, and the nomenclature's own cross-reference vocabulary."""

_IRREGULAR = {
    "knives": "knife",
    "knife": "knife",
    "leaves": "leaf",
    "shelves": "shelf",
    "halves": "half",
    "wolves": "wolf",
    "women": "woman",
    "men": "man",
    "children": "child",
    "teeth": "tooth",
    "feet": "foot",
    "mice": "mouse",
    "geese": "goose",
    "lenses": "lens",
    "lens": "lens",
    "glasses": "glass",
    "dice": "die",
    "clothes": "clothing",
    "cloths": "cloth",
}


@functools.lru_cache(maxsize=16384)
def _stem(word: str) -> str:
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if len(word) <= 3 or word.isdigit():
        return word
    if word.endswith("ies") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith(("sses", "ches", "shes", "xes", "zes")):
        word = word[:-2]
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    if word.endswith("e") and len(word) > 3:
        word = word[:-1]
    return word


def _fold(text: str) -> str:
    if text.isascii():
        plain = text.lower()
    else:
        decomposed = unicodedata.normalize("NFKD", text)
        plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
        plain = plain.casefold().replace("\u2019", "'")
    plain = re.sub(r"n\.e\.c\.?|not elsewhere specified or included|not elsewhere specified", " nec ", plain)
    plain = re.sub(r"(\w)'s\b", r"\1", plain)
    plain = re.sub(r"\b([a-z])-(?=[a-z]{2})", r"\1", plain)  # t-shirt -> tshirt, e-book -> ebook
    return plain


def tokens(text: str) -> list[str]:
    """Fold, split, drop stop words and stem: the ranker's view of a text.

    >>> tokens("T-shirts, singlets and other vests; of cotton")
    ['tshirt', 'singlet', 'vest', 'cotton']
    """
    out = []
    for word in re.split(r"[^a-z0-9]+", _fold(text)):
        if not word or word in STOP_WORDS or (len(word) == 1 and not word.isdigit()):
            continue
        stem = _stem(word)
        if stem and stem not in STOP_WORDS:
            out.append(stem)
    return out


_NEGATION_PAREN = re.compile(r"\(\s*(?:other than|excluding|except|not|neither)\b[^()]*\)")
_NEGATION_CLAUSE = re.compile(
    r"(?<!whether or )(?<!whether )\b(?:other than|excluding|except|not|neither)\b[^;,()]*"
)
_CATCH_ALL = re.compile(r"n\.e\.c|not elsewhere|(?:^|[;,(]\s*)other\b(?!\s+than)", re.IGNORECASE)


def _drop_negated_parenthesis(match: re.Match[str]) -> str:
    # "(excluding medicaments, including sunscreen ...)": keep what follows "including"
    text = match.group(0)
    keep = text.find("including")
    return " " + text[keep:] if keep >= 0 else " "


def _positive_text(description: str) -> str:
    """The description without the clauses that say what it is not."""
    text = _NEGATION_PAREN.sub(_drop_negated_parenthesis, description)
    return _NEGATION_CLAUSE.sub(" ", text)


# -- synonyms -----------------------------------------------------------------------------------

SYNONYMS: Mapping[str, str] = MappingProxyType(
    {
        # clothing
        "t-shirt": "@6109 tshirts singlets",
        "tshirt": "@6109 tshirts singlets",
        "tee": "@6109 tshirts singlets",
        "tank top": "@6109 singlets vests",
        "hoodie": "@6110 jerseys pullovers",
        "sweatshirt": "@6110 jerseys pullovers",
        "sweater": "@6110 jerseys pullovers cardigans",
        "jumper": "@6110 jerseys pullovers",
        "jeans": "@6203 @6204 trousers denim cotton",
        "chinos": "trousers cotton",
        "pants": "trousers",
        "leggings": "trousers knitted crocheted",
        "shorts": "shorts",
        "dress": "dresses",
        "jacket": "jackets anoraks wind-jackets",
        "raincoat": "anoraks wind-jackets",
        "coat": "overcoats coats",
        "socks": "@6115 hosiery",
        "sock": "@6115 hosiery",
        "bra": "brassieres",
        "underwear": "briefs underpants panties",
        "pyjamas": "pyjamas nightdresses",
        "swimsuit": "swimwear",
        "bikini": "swimwear",
        "cap": "@6505 hats headgear",
        "beanie": "@6505 hats headgear knitted",
        "hat": "hats headgear",
        "scarf": "scarves shawls",
        "tie": "ties bow ties cravats",
        "sneakers": "@640411 sports footwear training shoes",
        "trainers": "@640411 sports footwear training shoes",
        "running shoes": "@640411 sports footwear training shoes",
        "boots": "footwear covering ankle",
        "sandals": "footwear",
        "shoes": "footwear",
        "slippers": "footwear",
        # bags and accessories
        "bag": "bags handbags",
        "purse": "handbags",
        "tote": "handbags",
        "tote bag": "handbags",
        "wallet": "@420231 @420232 carried in the pocket or in the handbag",
        "backpack": "@420292 travel bags textile materials",
        "rucksack": "@420292 travel bags textile materials",
        "suitcase": "suit-cases trunks",
        "luggage": "suit-cases trunks",
        "phone case": "@420232 @392690 cases containers",
        "sunglasses": "sunglasses",
        "watch": "wrist-watches",
        "necklace": "@7113 @7117 jewellery",
        "earrings": "@7113 @7117 jewellery",
        "bracelet": "@7113 @7117 jewellery",
        "ring": "@7113 @7117 jewellery",
        "jewelry": "jewellery",
        # electronics
        "phone": "@851713 smartphones telephones cellular",
        "smartphone": "@851713 smartphones telephones cellular",
        "iphone": "@851713 smartphones telephones cellular",
        "android phone": "@851713 smartphones telephones cellular",
        "ipad": "@847130 automatic data processing machines portable",
        "macbook": "@847130 automatic data processing machines portable",
        "airpods": "@851830 headphones earphones",
        "mobile phone": "@851713 smartphones telephones cellular",
        "cell phone": "@851713 smartphones telephones cellular",
        "earbuds": "@851830 headphones earphones",
        "earphones": "@851830 headphones earphones",
        "headphones": "@851830 headphones earphones",
        "headset": "@851830 headphones earphones microphone",
        "speaker": "loudspeakers",
        "bluetooth speaker": "@851822 loudspeakers",
        "laptop": "@847130 automatic data processing machines portable",
        "notebook computer": "@847130 automatic data processing machines portable",
        "tablet": "@847130 automatic data processing machines portable",
        "computer": "automatic data processing machines",
        "keyboard": "@847160 input units automatic data processing machines",
        "mouse": "@847160 input units automatic data processing machines",
        "monitor": "monitors",
        "smartwatch": "@851762 communication apparatus reception transmission data",
        "smart watch": "@851762 communication apparatus reception transmission data",
        "router": "@851762 switching routing apparatus",
        "power bank": "@850760 electric accumulators lithium-ion",
        "battery": "accumulators cells batteries",
        "charger": "@850440 static converters",
        "cable": "insulated electric conductors fitted with connectors",
        "camera": "cameras digital",
        "drone": "@8806 unmanned aircraft",
        "console": "video game consoles",
        "game console": "@950450 video game consoles",
        "video game": "video game consoles",
        "hair dryer": "@851631 hair dryers",
        "hairdryer": "@851631 hair dryers",
        "kettle": "@851679",
        "coffee maker": "@851671 coffee tea makers",
        "blender": "@850940 food grinders mixers",
        "toaster": "toasters",
        "shaver": "shavers",
        "vacuum cleaner": "vacuum cleaners",
        "flashlight": "@851310 lamps portable",
        "torch": "@851310 lamps portable",
        "lamp": "lamps luminaires light fittings",
        "light bulb": "@853952 lamps light-emitting diode",
        # home
        "mug": "@6911 @6912 tableware kitchenware ceramic",
        "cup": "tableware kitchenware",
        "plate": "tableware kitchenware",
        "bowl": "tableware kitchenware",
        "teapot": "tableware kitchenware",
        "vase": "ornamental articles",
        "wine glass": "@701328 stemware drinking glasses",
        "drinking glass": "@7013 drinking glasses",
        "water bottle": "table kitchen household articles",
        "frying pan": "table kitchen household articles",
        "saucepan": "table kitchen household articles",
        "cookware": "table kitchen household articles",
        "cutting board": "bread boards chopping boards",
        "chopsticks": "chopsticks",
        "cushion": "@9404 cushions pillows",
        "pillow": "@9404 cushions pillows",
        "duvet": "quilts eiderdowns",
        "blanket": "blankets travelling rugs",
        "towel": "@6302 terry towelling toilet linen",
        "bedsheet": "bed linen",
        "bed sheet": "bed linen",
        "rug": "carpets floor coverings rugs",
        "sofa": "@9401 seats upholstered",
        "chair": "seats",
        "desk": "furniture",
        "bookshelf": "furniture",
        "candle": "candles",
        # beauty
        "lipstick": "@330410 lip make-up",
        "lip balm": "@330410 lip make-up",
        "mascara": "@330420 eye make-up",
        "eyeliner": "@330420 eye make-up",
        "nail polish": "@330430 manicure pedicure preparations",
        "face cream": "@330499 care of the skin",
        "moisturizer": "@330499 care of the skin",
        "moisturiser": "@330499 care of the skin",
        "sunscreen": "@330499 sunscreen sun tan preparations",
        "skincare": "@330499 care of the skin",
        "serum": "@330499 care of the skin",
        "perfume": "@3303 perfumes toilet waters",
        "cologne": "@3303 perfumes toilet waters",
        "eau de toilette": "@3303 perfumes toilet waters",
        "deodorant": "@330720 personal deodorants antiperspirants",
        "shampoo": "shampoos",
        "conditioner": "@330590 hair preparations",
        "body wash": "@340130 washing the skin liquid",
        "shower gel": "@340130 washing the skin liquid",
        "toothbrush": "toothbrushes",
        "makeup brush": "@960330 brushes application of cosmetics",
        "diapers": "napkins diapers",
        "nappies": "napkins diapers",
        # food and drink
        "green tea": "@090210 tea green",
        "black tea": "@090230 tea black fermented",
        "matcha": "@090210 tea green",
        "coffee beans": "@090121 coffee roasted",
        "ground coffee": "@090121 coffee roasted",
        "chocolate": "@1806 chocolate cocoa",
        "candy": "sugar confectionery",
        "sweets": "sugar confectionery",
        "cookies": "biscuits",
        "olive oil": "@1509 olive oil",
        "protein powder": "@210610 protein concentrates",
        "supplements": "@210690 food preparations",
        "vitamins": "@210690 food preparations vitamins",
        "wine": "@2204 wine",
        "red wine": "@220421 wine still",
        "white wine": "@220421 wine still",
        "sparkling wine": "@220410 wine sparkling",
        "champagne": "@220410 wine sparkling",
        "beer": "@220300 beer malt",
        "whisky": "whiskies",
        "whiskey": "whiskies",
        "vodka": "vodka",
        "gin": "gin geneva",
        # toys, sport, hobby
        "toy": "@9503 toys",
        "lego": "@9503 toys construction sets",
        "building blocks": "@9503 toys construction sets",
        "teddy bear": "@9503 toys stuffed",
        "plush": "@9503 toys stuffed",
        "doll": "dolls",
        "puzzle": "@9503 puzzles",
        "jigsaw": "@9503 puzzles",
        "board game": "@950490 games table parlour",
        "playing cards": "playing cards",
        "yoga mat": "@950691 athletics gymnastics equipment",
        "dumbbells": "@950691 athletics gymnastics equipment",
        "kettlebell": "@950691 athletics gymnastics equipment",
        "skateboard": "@950699 outdoor games recreation equipment",
        "bicycle": "bicycles cycles",
        "bike": "bicycles cycles",
        "helmet": "@650610 headgear safety",
        "tent": "tents",
        "football": "balls inflatable",
        "soccer ball": "balls inflatable",
        "basketball": "balls inflatable",
        "tennis racket": "lawn-tennis rackets",
        "guitar": "@9202 string musical instruments",
        "violin": "@9202 string musical instruments",
        "stroller": "baby carriages",
        "pram": "baby carriages",
        "notebook": "@482020 exercise books",
        "journal": "@482010 diaries note books memorandum pads",
        "pen": "@960810 pens ball point",
        "pencil": "pencils",
        "sticker": "labels printed",
        "poster": "@491199 printed matter",
        "book": "@490199 books printed",
        "novel": "@490199 books printed",
        "painting": "paintings",
        "knife": "@8211 knives",
        "knives": "@8211 knives",
        "pocket knife": "@821193 knives folding blades",
        "kitchen knife": "@821192 knives fixed blades",
        "scissors": "scissors",
        "sewing machine": "sewing machines",
        "seeds": "seeds sowing",
        "dog food": "@230910 dog cat food retail sale",
        "cat food": "@230910 dog cat food retail sale",
        "e-cigarette": "@854340 electronic cigarettes vaporising devices",
        "vape": "@854340 electronic cigarettes vaporising devices",
    }
)


# -- the index ------------------------------------------------------------------------------------

_FIELD_WEIGHTS = (1.0, 0.5, 0.2)  # subheading text, heading text, chapter title
_CATCH_ALL_FACTOR = 0.8
_PREFIX_WEIGHT = 0.6
_EXTRA_ALTERNATIVE = 0.25
_CODE_IDF = 6.0  # weight of an "@heading" synonym hint, about the idf of a fairly rare word
_MAX_QUERY_CHARS = 200


@dataclass(frozen=True)
class _Index:
    codes: tuple[str, ...]
    postings: Mapping[str, tuple[tuple[int, float], ...]]  # stem -> ((doc, field weight), ...)
    idf: Mapping[str, float]
    vocabulary: tuple[str, ...]  # sorted, for prefix look-ups
    doc_factor: tuple[float, ...]  # catch-all and length damping per document
    doc_by_code: Mapping[str, int]
    synonyms: Mapping[tuple[str, ...], tuple[str, ...]]  # stemmed phrase -> expansion terms


@functools.cache
def _index() -> _Index:
    nom = _nomenclature()
    codes = tuple(sorted(nom.subheadings))
    folded = {
        code: tokens(_positive_text(text))
        for table in (nom.chapters, nom.headings, nom.subheadings)
        for code, text in table.items()
    }
    doc_freq: dict[str, int] = defaultdict(int)
    for stems in folded.values():
        for stem in set(stems):
            doc_freq[stem] += 1
    n = len(folded)
    idf = {stem: math.log((n + 1) / (df + 0.5)) for stem, df in doc_freq.items()}

    postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
    factors: list[float] = []
    for i, code in enumerate(codes):
        own = folded[code]
        fields = (own, folded.get(code[:4], ()), folded.get(code[:2], ()))
        best: dict[str, float] = {}
        for weight, field in zip(_FIELD_WEIGHTS, fields, strict=True):
            for stem in field:
                best[stem] = max(best.get(stem, 0.0), weight)
        for stem, weight in best.items():
            postings[stem].append((i, weight))
        factor = _CATCH_ALL_FACTOR if _CATCH_ALL.search(nom.subheadings[code]) else 1.0
        factor /= 1 + 0.01 * max(0, len(own) - 12)
        factors.append(factor)

    synonyms: dict[tuple[str, ...], tuple[str, ...]] = {}
    for phrase, expansion in SYNONYMS.items():
        key = tuple(tokens(phrase))
        terms: list[str] = []
        for word in expansion.split():
            if word.startswith("@"):
                terms.append(word)
            else:
                terms.extend(tokens(word))
        if key:
            synonyms[key] = tuple(dict.fromkeys(terms))
    return _Index(
        codes=codes,
        postings=MappingProxyType({k: tuple(v) for k, v in postings.items()}),
        idf=MappingProxyType(idf),
        vocabulary=tuple(sorted(postings)),
        doc_factor=tuple(factors),
        doc_by_code=MappingProxyType({c: i for i, c in enumerate(codes)}),
        synonyms=MappingProxyType(synonyms),
    )


def _concepts(query: list[str], index: _Index) -> list[tuple[tuple[str, float], ...]]:
    """Group query stems into concepts, each a tuple of (term, weight) alternatives.

    A word is one concept (plus, when the HS texts never use it, the vocabulary words that
    begin with it). A synonym entry contributes one concept per expansion word and one for
    its "@" code hints taken together; a one-word entry also keeps the word itself.
    """
    longest = max(len(k) for k in index.synonyms)
    concepts: list[tuple[tuple[str, float], ...]] = []
    i = 0
    while i < len(query):
        for size in range(min(longest, len(query) - i), 0, -1):
            phrase = tuple(query[i : i + size])
            expansion = index.synonyms.get(phrase)
            if expansion is None:
                continue
            hints = tuple((term, 1.0) for term in expansion if term.startswith("@"))
            if hints:
                concepts.append(hints)
            concepts.extend(((term, 1.0),) for term in expansion if not term.startswith("@"))
            if size == 1 and phrase[0] not in expansion:
                concepts.append(((phrase[0], 1.0),))
            i += size
            break
        else:
            word = query[i]
            alternatives = [(word, 1.0)]
            if word not in index.postings and len(word) >= 4:
                start = bisect_left(index.vocabulary, word)
                for candidate in index.vocabulary[start : start + 5]:
                    if candidate.startswith(word):
                        alternatives.append((candidate, _PREFIX_WEIGHT))
            concepts.append(tuple(alternatives))
            i += 1
    # the same concept twice ("ceramic" typed and implied by "mug") counts once
    return list(dict.fromkeys(concepts))


@functools.lru_cache(maxsize=1024)
def _code_postings(prefix: str) -> tuple[tuple[int, float], ...]:
    return tuple((i, 1.0) for i, code in enumerate(_index().codes) if code.startswith(prefix))


def _postings(term: str, index: _Index) -> tuple[tuple[int, float], ...]:
    return _code_postings(term[1:]) if term.startswith("@") else index.postings.get(term, ())


def _term_idf(term: str, index: _Index) -> float:
    return _CODE_IDF if term.startswith("@") else index.idf.get(term, 0.0)


def suggest(description: object, limit: int = 5) -> list[HsSuggestion]:
    """Up to ``limit`` HS 2022 subheadings for a product description, best first.

    >>> [s.code for s in suggest("cotton t-shirt", limit=2)]
    ['610910', '610990']

    An empty or stop-word-only description gives ``[]``. A description that is itself a valid
    HS code gives that subheading with score 1.0. See the module docstring for the ranking.

    Raises:
        TypeError: if ``description`` is not a string or ``limit`` not an int.
        ValueError: if ``limit`` is not between 1 and 50.
    """
    if not isinstance(description, str):
        raise TypeError(f"description must be a string, not {type(description).__name__}")
    if isinstance(limit, bool) or not isinstance(limit, int):
        raise TypeError(f"limit must be an int, not {type(limit).__name__}")
    if not 1 <= limit <= 50:
        raise ValueError(f"limit must be between 1 and 50, got {limit}")
    index = _index()
    nom = _nomenclature()
    text = description.strip()[:_MAX_QUERY_CHARS]
    try:
        info = validate(text)
    except InvalidHsCode:
        pass
    else:
        return [
            HsSuggestion(
                code=info.subheading,
                title=info.subheading_title,
                heading=info.heading,
                heading_title=info.heading_title,
                score=1.0,
            )
        ]

    concepts = _concepts(tokens(text), index)
    scores: dict[int, float] = defaultdict(float)
    best_possible = 0.0
    for alternatives in concepts:
        weights = sorted((weight * _term_idf(term, index) for term, weight in alternatives), reverse=True)
        if not weights or weights[0] <= 0:
            continue
        best_possible += weights[0] + _EXTRA_ALTERNATIVE * sum(weights[1:])
        per_doc: dict[int, list[float]] = defaultdict(list)
        for term, weight in alternatives:
            value = weight * _term_idf(term, index)
            for doc, field_weight in _postings(term, index):
                per_doc[doc].append(value * field_weight)
        for doc, values in per_doc.items():
            values.sort(reverse=True)
            scores[doc] += values[0] + _EXTRA_ALTERNATIVE * sum(values[1:])
    if not scores or best_possible <= 0:
        return []
    ranked = sorted(
        (
            (round(s * index.doc_factor[doc] / best_possible, 4), index.codes[doc])
            for doc, s in scores.items()
        ),
        key=lambda pair: (-pair[0], pair[1]),
    )
    out = []
    for score, code in ranked[:limit]:
        out.append(
            HsSuggestion(
                code=code,
                title=nom.subheadings[code],
                heading=code[:4],
                heading_title=nom.headings.get(code[:4], ""),
                score=score,
            )
        )
    return out


__all__ = [
    "HsInfo",
    "HsSuggestion",
    "InvalidHsCode",
    "SYNONYMS",
    "normalise",
    "subheadings",
    "suggest",
    "tokens",
    "validate",
]
