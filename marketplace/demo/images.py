"""Local, deterministic product images for the demo catalogue (Pillow only, no network, no assets).

Each image is a square WEBP: a tinted background from the category colour with a soft pattern, a
flat illustration of the product drawn with Pillow primitives (the category's ``motif``, refined
by keywords in the product name, e.g. a watch within jewellery), the product name set on a card
with Pillow's built-in font (``ImageFont.load_default(size=...)``, identical on every machine) and
a small "MERIDIAN" brand mark. Shade, composition and pattern vary with ``seed`` so products of
one category do not look identical.

``ensure_images`` writes every product's images under ``directory/"catalogue"`` and skips the work
when ``.version`` there already equals ``SEED_VERSION`` and the files exist.
"""

from __future__ import annotations

import colorsys
import io
import math
import os
import pathlib
import random
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from functools import lru_cache

from PIL import Image, ImageDraw, ImageFont, ImageOps

from marketplace.catalog import media as _media  # noqa: F401  (sets Image.MAX_IMAGE_PIXELS)
from marketplace.demo.catalogue import SEED_VERSION, Catalogue, DemoCategory, DemoProduct
from marketplace.demo.catalogue_data.options import COLOURS

# Pillow's process-wide decompression-bomb limit is set once, by catalog/media.py (40 megapixels, the
# seller-upload limit); lowering it here would refuse good seller pictures in a process that also seeds.
# We only ever draw our own images, and _check_size bounds them.
MAX_SIZE = 2048
WEBP_QUALITY = 80
WEBP_METHOD = 2
_SUPERSAMPLE_UP_TO = 1200  # draw at 2x and box-reduce for anti-aliased edges

RGB = tuple[int, int, int]
Point = tuple[float, float]

INK: RGB = (30, 36, 48)
MUTED: RGB = (104, 112, 126)
PAPER: RGB = (255, 255, 253)
GOLD: RGB = (201, 164, 77)
SILVER: RGB = (196, 201, 208)
WOOD: RGB = (160, 112, 68)

_COLOUR_BY_NAME: dict[str, RGB] = {}


# --- colour helpers --------------------------------------------------------------------------------


def _hex(value: str) -> RGB:
    value = value.lstrip("#")
    return (int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16))


def _mix(a: RGB, b: RGB, t: float) -> RGB:
    return (round(a[0] + (b[0] - a[0]) * t), round(a[1] + (b[1] - a[1]) * t), round(a[2] + (b[2] - a[2]) * t))


def _shade(c: RGB, t: float) -> RGB:
    """t > 0 lightens towards white, t < 0 darkens towards black."""
    return _mix(c, (255, 255, 255), t) if t >= 0 else _mix(c, (0, 0, 0), -t)


def _hls_shift(c: RGB, dh: float = 0.0, dl: float = 0.0, ds: float = 0.0) -> RGB:
    h, lum, s = colorsys.rgb_to_hls(c[0] / 255, c[1] / 255, c[2] / 255)
    h = (h + dh) % 1.0
    lum = min(1.0, max(0.0, lum + dl))
    s = min(1.0, max(0.0, s + ds))
    r, g, b = colorsys.hls_to_rgb(h, lum, s)
    return (round(r * 255), round(g * 255), round(b * 255))


def _luma(c: RGB) -> float:
    return 0.299 * c[0] + 0.587 * c[1] + 0.114 * c[2]


# Materials and glazes named in product names, used when the variant has no colour option.
_NAME_COLOURS: tuple[tuple[str, str], ...] = (
    ("barro negro", "#2B2A2E"), ("copper", "#B8693D"), ("brass", "#B59A4A"), ("walnut", "#5C3D2A"),
    ("cork", "#C49A63"), ("celadon", "#9DBFA6"), ("tenmoku", "#5A3A22"), ("shino", "#E8DCCB"), ("kuro", "#26262A"),
    ("indigo", "#2E3A6E"), ("matcha", "#7FA33A"), ("sencha", "#8DAA3B"), ("hojicha", "#8A5A35"),
    ("oolong", "#9A6A2F"), ("pu-erh", "#5B3A29"), ("jasmine", "#C9C37A"), ("earl grey", "#4B3A5A"),
    ("lavender", "#9C86C2"), ("rose", "#C96A7F"), ("pistachio", "#8DB255"), ("pomegranate", "#A3283A"),
    ("turquoise", "#2FA8A0"), ("moonstone", "#9FB3C8"), ("garnet", "#8B1E2B"), ("lapis", "#26619C"),
    ("pearl", "#E6DDD0"), ("gold", "#C8A24A"), ("silver", "#9EA4AC"), ("honey", "#D99A1E"),
    ("apricot", "#E8913A"), ("blackcurrant", "#4A2040"), ("orange", "#E8762C"), ("mustard", "#C9A227"),
    ("olive oil", "#8F8F2A"), ("chocolate", "#5A3825"), ("mole negro", "#2E211C"), ("coloradito", "#8C2F1F"),
    ("chile", "#8C2F1F"), ("coffee", "#6B4428"), ("decaf", "#6B4428"), ("fig", "#5E7D4B"), ("verbena", "#A8C256"),
    ("vetiver", "#6F7B4A"), ("néroli", "#F0B04A"), ("iris", "#8E83B8"), ("santal", "#B9875A"),
    ("bergamot", "#C8C23A"), ("thé vert", "#7FA33A"), ("hinoki", "#C9A77A"), ("sandalwood", "#B9875A"),
    ("plum", "#B5527A"), ("lemon", "#E6C72F"), ("red", "#C4302B"), ("green", "#3E8E5A"), ("rice", "#E9E1CF"),
    ("centella", "#7FAF7A"), ("cica", "#7FAF7A"), ("vitamin c", "#F0A13A"), ("ginseng", "#A8553A"),
    ("mugwort", "#6E8B5A"), ("camellia", "#C94F6A"), ("ceramide", "#E9E4DA"), ("hyaluronic", "#9CC7DA"),
)


def _colour_in_name(name: str) -> RGB | None:
    lowered = name.lower()
    for word, hx in _NAME_COLOURS:
        if re.search(rf"(?<![a-z]){re.escape(word)}(?![a-z])", lowered):
            return _hex(hx)
    return None


def _colour_in_label(label: str) -> RGB | None:
    if not _COLOUR_BY_NAME:
        for en, _de, hx in COLOURS.values():
            _COLOUR_BY_NAME[en.lower()] = _hex(hx)
    for part in re.split(r"\s*[·/|,]\s*", label.lower()):
        if part in _COLOUR_BY_NAME:
            return _COLOUR_BY_NAME[part]
    return None


class _Palette:
    def __init__(self, main: RGB, bg: RGB, rng: random.Random, metal: RGB | None = None) -> None:
        # keep the illustration readable against the background
        if abs(_luma(main) - _luma(bg)) < 40:
            main = _shade(main, -0.35) if _luma(bg) > 110 else _shade(main, 0.35)
        self.main = main
        self.dark = _shade(main, -0.38)
        self.light = _shade(main, 0.45)
        self.pale = _shade(main, 0.78)
        self.accent = _hls_shift(main, dh=rng.choice((0.08, -0.08, 0.5)), dl=0.08, ds=0.05)
        self.ink = _shade(_mix(main, INK, 0.7), -0.2)
        self.white = PAPER
        self.metal = metal or (GOLD if rng.random() < 0.5 else SILVER)


# --- drawing primitives in a unit box ([-1, 1] x [-1, 1], y down), with rotation -------------------


def _ellipse_pts(cx: float, cy: float, rx: float, ry: float, a0: float = 0.0, a1: float = 360.0, n: int = 72) -> list[Point]:
    steps = max(3, int(n * abs(a1 - a0) / 360))
    return [
        (cx + rx * math.cos(math.radians(a0 + (a1 - a0) * i / steps)),
         cy + ry * math.sin(math.radians(a0 + (a1 - a0) * i / steps)))
        for i in range(steps + 1)
    ]


def _rrect_pts(x0: float, y0: float, x1: float, y1: float, r: float) -> list[Point]:
    r = max(0.0, min(r, (x1 - x0) / 2, (y1 - y0) / 2))
    pts: list[Point] = []
    for cx, cy, a0 in ((x1 - r, y0 + r, 270), (x1 - r, y1 - r, 0), (x0 + r, y1 - r, 90), (x0 + r, y0 + r, 180)):
        pts.extend(_ellipse_pts(cx, cy, r, r, a0, a0 + 90, 36))
    return pts


class _Pen:
    def __init__(self, draw: ImageDraw.ImageDraw, cx: float, cy: float, half: float, angle: float) -> None:
        self.d, self.cx, self.cy, self.h = draw, cx, cy, half
        a = math.radians(angle)
        self.cos, self.sin = math.cos(a), math.sin(a)

    def p(self, x: float, y: float) -> Point:
        return (self.cx + (x * self.cos - y * self.sin) * self.h, self.cy + (x * self.sin + y * self.cos) * self.h)

    def poly(self, pts: Iterable[Point], fill: RGB) -> None:
        self.d.polygon([self.p(x, y) for x, y in pts], fill=fill)

    def ellipse(self, cx: float, cy: float, rx: float, ry: float, fill: RGB) -> None:
        self.poly(_ellipse_pts(cx, cy, rx, ry), fill)

    def circle(self, cx: float, cy: float, r: float, fill: RGB) -> None:
        self.ellipse(cx, cy, r, r, fill)

    def rrect(self, x0: float, y0: float, x1: float, y1: float, r: float, fill: RGB) -> None:
        self.poly(_rrect_pts(x0, y0, x1, y1, r), fill)

    def line(self, pts: Sequence[Point], width: float, fill: RGB, caps: bool = True) -> None:
        w = max(1, round(width * self.h))
        self.d.line([self.p(x, y) for x, y in pts], fill=fill, width=w, joint="curve")
        if caps:
            for x, y in (pts[0], pts[-1]):
                px, py = self.p(x, y)
                self.d.ellipse((px - w / 2, py - w / 2, px + w / 2, py + w / 2), fill=fill)

    def arc(self, cx: float, cy: float, rx: float, ry: float, a0: float, a1: float, width: float, fill: RGB,
            caps: bool = True) -> None:
        self.line(_ellipse_pts(cx, cy, rx, ry, a0, a1, 96), width, fill, caps)

    def ring(self, cx: float, cy: float, rx: float, ry: float, width: float, fill: RGB) -> None:
        self.line(_ellipse_pts(cx, cy, rx, ry, 0, 360, 120), width, fill, caps=False)


MotifFn = Callable[[_Pen, _Palette, random.Random], None]


# --- motifs ----------------------------------------------------------------------------------------


def _shirt(pen: _Pen, c: _Palette, rng: random.Random) -> None:
    body = [(-0.22, -0.8), (-0.58, -0.7), (-0.98, -0.34), (-0.78, -0.1), (-0.56, -0.28), (-0.56, 0.86),
            (0.56, 0.86), (0.56, -0.28), (0.78, -0.1), (0.98, -0.34), (0.58, -0.7), (0.22, -0.8)]
    neck = _ellipse_pts(0, -0.8, 0.22, 0.2, 0, 180, 24)
    pen.poly(body + neck, c.main)
    pen.arc(0, -0.8, 0.22, 0.2, 0, 180, 0.06, c.dark)
    if rng.random() < 0.5:
        for y in (-0.1, 0.15, 0.4, 0.65):
            pen.poly([(-0.56, y), (0.56, y), (0.56, y + 0.1), (-0.56, y + 0.1)], c.light)
    else:
        pen.rrect(0.18, -0.35, 0.42, -0.08, 0.03, c.dark)
    pen.line([(-0.98, -0.34), (-0.78, -0.1)], 0.035, c.dark)
    pen.line([(0.98, -0.34), (0.78, -0.1)], 0.035, c.dark)


def _jacket(pen: _Pen, c: _Palette, rng: random.Random) -> None:
    pen.ellipse(0, -0.78, 0.3, 0.2, c.dark)
    body = [(-0.24, -0.82), (-0.6, -0.7), (-0.82, -0.2), (-0.92, 0.62), (-0.7, 0.66), (-0.6, 0.0),
            (-0.58, 0.86), (0.58, 0.86), (0.6, 0.0), (0.7, 0.66), (0.92, 0.62), (0.82, -0.2), (0.6, -0.7),
            (0.24, -0.82)]
    pen.poly(body + _ellipse_pts(0, -0.82, 0.24, 0.16, 0, 180, 20), c.main)
    pen.line([(0.0, -0.66), (0.0, 0.86)], 0.035, c.dark, caps=False)
    pen.rrect(-0.04, -0.62, 0.04, -0.5, 0.01, c.metal)
    pen.line([(-0.42, 0.3), (-0.2, 0.3)], 0.03, c.dark)
    pen.line([(0.2, 0.3), (0.42, 0.3)], 0.03, c.dark)
    pen.line([(-0.92, 0.6), (-0.7, 0.64)], 0.05, c.dark)
    pen.line([(0.92, 0.6), (0.7, 0.64)], 0.05, c.dark)
    pen.line([(-0.58, 0.8), (0.58, 0.8)], 0.05, c.dark, caps=False)


def _dress(pen: _Pen, c: _Palette, rng: random.Random) -> None:
    pen.poly([(-0.2, -0.9), (-0.32, -0.4), (-0.75, 0.88), (0.75, 0.88), (0.32, -0.4), (0.2, -0.9),
              (0.08, -0.72), (-0.08, -0.72)], c.main)
    pen.poly([(-0.34, -0.38), (0.34, -0.38), (0.36, -0.28), (-0.36, -0.28)], c.dark)
    for i in range(5):
        x = -0.55 + i * 0.27
        pen.circle(x, 0.45 + (i % 2) * 0.18, 0.06, c.pale)
    pen.line([(-0.2, -0.9), (-0.12, -1.0)], 0.04, c.dark)
    pen.line([(0.2, -0.9), (0.12, -1.0)], 0.04, c.dark)


def _trousers(pen: _Pen, c: _Palette, rng: random.Random) -> None:
    pen.poly([(-0.52, -0.85), (0.52, -0.85), (0.62, 0.9), (0.12, 0.9), (0.0, -0.25), (-0.12, 0.9), (-0.62, 0.9)], c.main)
    pen.rrect(-0.54, -0.92, 0.54, -0.76, 0.03, c.dark)
    pen.line([(0.0, -0.76), (0.0, -0.35)], 0.025, c.dark)
    pen.line([(-0.42, -0.7), (-0.2, -0.45)], 0.025, c.light)
    pen.line([(0.42, -0.7), (0.2, -0.45)], 0.025, c.light)


def _scarf(pen: _Pen, c: _Palette, rng: random.Random) -> None:
    pen.arc(0, -0.45, 0.5, 0.32, 180, 360, 0.2, c.dark, caps=False)
    pen.arc(0, -0.45, 0.5, 0.32, 0, 180, 0.2, c.main, caps=False)
    pen.poly([(-0.42, -0.3), (-0.12, -0.3), (-0.2, 0.72), (-0.5, 0.7)], c.main)
    pen.poly([(0.05, -0.22), (0.35, -0.25), (0.42, 0.55), (0.12, 0.58)], c.dark)
    for y in (0.35, 0.47):
        pen.line([(-0.45, y), (-0.17, y + 0.01)], 0.035, c.light, caps=False)
    for k in range(6):
        x = -0.48 + k * 0.055
        pen.line([(x, 0.71), (x - 0.01, 0.86)], 0.018, c.main)
        x2 = 0.14 + k * 0.055
        pen.line([(x2, 0.57), (x2 + 0.01, 0.72)], 0.018, c.dark)


def _beanie(pen: _Pen, c: _Palette, rng: random.Random) -> None:
    pen.poly(_ellipse_pts(0, 0.25, 0.75, 0.95, 180, 360, 60), c.main)
    pen.rrect(-0.8, 0.15, 0.8, 0.62, 0.08, c.dark)
    for i in range(9):
        x = -0.64 + i * 0.16
        pen.line([(x, 0.22), (x, 0.55)], 0.035, c.main)
    pen.circle(0, -0.72, 0.22, c.light)


def _sock(pen: _Pen, c: _Palette, rng: random.Random) -> None:
    pen.poly([(-0.3, -0.9), (0.2, -0.9), (0.2, 0.35), (0.75, 0.45), (0.8, 0.88), (-0.05, 0.88), (-0.3, 0.6)], c.main)
    pen.rrect(-0.32, -0.95, 0.22, -0.7, 0.04, c.dark)
    pen.poly([(0.55, 0.42), (0.8, 0.47), (0.82, 0.88), (0.55, 0.88)], c.dark)
    pen.poly([(-0.05, 0.62)] + _ellipse_pts(-0.05, 0.62, 0.26, 0.26, 90, 200, 24), c.dark)
    for y in (-0.5, -0.35):
        pen.line([(-0.3, y), (0.2, y)], 0.05, c.light, caps=False)


def _sneaker(pen: _Pen, c: _Palette, rng: random.Random) -> None:
    pen.rrect(-0.95, 0.3, 0.98, 0.55, 0.1, c.white)
    pen.line([(-0.93, 0.42), (0.96, 0.42)], 0.03, c.pale, caps=False)
    pen.poly([(-0.92, 0.32), (-0.94, -0.08), (-0.78, -0.3), (-0.4, -0.22), (-0.12, -0.05), (0.35, 0.02),
              (0.78, 0.12), (0.97, 0.3)], c.main)
    pen.poly([(-0.94, -0.05), (-0.78, -0.3), (-0.6, -0.26), (-0.66, 0.3), (-0.92, 0.3)], c.dark)
    pen.poly([(0.45, 0.05), (0.78, 0.12), (0.97, 0.3), (0.45, 0.3)], c.light)
    pen.arc(-0.1, 0.4, 0.55, 0.35, 200, 290, 0.06, c.accent)
    for i in range(4):
        x = -0.28 + i * 0.14
        pen.line([(x, -0.14 + i * 0.03), (x + 0.12, -0.02 + i * 0.03)], 0.035, c.white)


def _boot(pen: _Pen, c: _Palette, rng: random.Random) -> None:
    pen.rrect(-0.85, 0.58, 0.95, 0.78, 0.06, c.dark)
    pen.poly([(-0.75, 0.6), (-0.72, -0.85), (0.02, -0.85), (0.05, 0.05), (0.7, 0.2), (0.93, 0.45), (0.95, 0.6)], c.main)
    pen.rrect(-0.78, -0.9, 0.06, -0.72, 0.04, c.dark)
    pen.poly([(0.45, 0.13), (0.7, 0.2), (0.93, 0.45), (0.95, 0.6), (0.45, 0.6)], c.dark)
    for i in range(5):
        y = -0.6 + i * 0.14
        pen.line([(-0.02, y), (0.12, y + 0.05)], 0.03, c.light)


def _flipflop(pen: _Pen, c: _Palette, rng: random.Random) -> None:
    for dx, col in ((-0.35, c.main), (0.35, c.dark)):
        pen.ellipse(dx, 0.1, 0.3, 0.78, col)
        pen.ellipse(dx, 0.1, 0.23, 0.7, c.pale)
        pen.line([(dx - 0.2, 0.05), (dx, -0.5), (dx + 0.2, 0.05)], 0.07, c.accent)
        pen.circle(dx, -0.5, 0.05, c.accent)


def _low_shoe(pen: _Pen, c: _Palette, rng: random.Random) -> None:
    pen.rrect(-0.95, 0.32, 0.97, 0.48, 0.06, c.dark)
    pen.poly([(-0.92, 0.34), (-0.9, -0.1), (-0.6, -0.2), (-0.2, -0.05), (0.4, 0.0), (0.85, 0.12), (0.97, 0.34)], c.main)
    pen.ellipse(-0.35, -0.05, 0.3, 0.08, c.dark)
    pen.poly([(0.05, -0.05), (0.35, -0.02), (0.3, 0.1), (0.08, 0.08)], c.light)
    pen.line([(-0.85, 0.2), (0.88, 0.24)], 0.02, c.light, caps=False)


def _bag(pen: _Pen, c: _Palette, rng: random.Random) -> None:
    pen.arc(0, -0.2, 0.42, 0.55, 180, 360, 0.08, c.dark)
    pen.poly(_rrect_pts(-0.8, -0.2, 0.8, 0.85, 0.12), c.main)
    pen.poly([(-0.8, -0.2), (0.8, -0.2), (0.8, 0.15), (0.0, 0.32), (-0.8, 0.15)], c.dark)
    pen.rrect(-0.09, 0.2, 0.09, 0.4, 0.03, c.metal)
    pen.line([(-0.72, 0.75), (0.72, 0.75)], 0.015, c.light, caps=False)


def _backpack(pen: _Pen, c: _Palette, rng: random.Random) -> None:
    pen.arc(0, -0.72, 0.22, 0.2, 180, 360, 0.07, c.dark)
    pen.rrect(-0.62, -0.75, 0.62, 0.9, 0.25, c.main)
    pen.rrect(-0.62, -0.75, 0.62, -0.2, 0.25, c.dark)
    pen.rrect(-0.42, 0.2, 0.42, 0.75, 0.1, c.dark)
    pen.line([(-0.32, 0.3), (0.32, 0.3)], 0.025, c.light)
    pen.rrect(-0.08, -0.3, 0.08, -0.1, 0.02, c.metal)


def _wallet(pen: _Pen, c: _Palette, rng: random.Random) -> None:
    pen.rrect(-0.85, -0.45, 0.85, 0.55, 0.1, c.dark)
    pen.rrect(-0.85, -0.55, 0.85, 0.45, 0.1, c.main)
    pen.rrect(-0.6, -0.72, 0.2, -0.35, 0.05, c.accent)
    pen.poly([(0.35, -0.55), (0.85, -0.55), (0.85, 0.45), (0.35, 0.45)], c.dark)
    pen.circle(0.52, -0.05, 0.07, c.metal)
    pen.line([(-0.75, 0.35), (0.25, 0.35)], 0.015, c.light, caps=False)


def _belt(pen: _Pen, c: _Palette, rng: random.Random) -> None:
    pen.ring(0, 0.05, 0.78, 0.5, 0.16, c.main)
    pen.rrect(0.55, -0.22, 0.95, 0.32, 0.06, c.metal)
    pen.rrect(0.63, -0.13, 0.87, 0.23, 0.04, c.main)
    pen.line([(0.72, 0.05), (0.98, 0.05)], 0.04, c.metal)
    for a in range(200, 300, 20):
        x, y = 0.78 * math.cos(math.radians(a)), 0.05 + 0.5 * math.sin(math.radians(a))
        pen.circle(x, y, 0.025, c.dark)


def _phone(pen: _Pen, c: _Palette, rng: random.Random) -> None:
    pen.rrect(-0.44, -0.88, 0.44, 0.88, 0.14, c.dark)
    pen.rrect(-0.38, -0.8, 0.38, 0.8, 0.1, c.pale)
    pen.rrect(-0.38, -0.8, 0.38, -0.1, 0.1, c.light)
    pen.circle(0, -0.72, 0.035, c.dark)
    for row in range(3):
        for col in range(3):
            x, y = -0.27 + col * 0.22, 0.02 + row * 0.22
            pen.rrect(x - 0.07, y - 0.07, x + 0.07, y + 0.07, 0.03, c.main if (row + col) % 2 else c.accent)
    pen.line([(-0.3, -0.45), (-0.05, -0.3), (0.12, -0.42), (0.3, -0.22)], 0.035, c.white)


def _laptop(pen: _Pen, c: _Palette, rng: random.Random) -> None:
    pen.rrect(-0.78, -0.72, 0.78, 0.35, 0.06, c.dark)
    pen.rrect(-0.7, -0.64, 0.7, 0.28, 0.03, c.light)
    pen.poly([(-0.7, 0.28), (-0.1, -0.2), (0.25, 0.05), (0.7, -0.35), (0.7, 0.28)], c.pale)
    pen.circle(0.35, -0.4, 0.1, c.accent)
    pen.poly([(-0.95, 0.38), (0.95, 0.38), (0.85, 0.55), (-0.85, 0.55)], c.main)
    pen.rrect(-0.18, 0.4, 0.18, 0.46, 0.02, c.dark)


def _battery(pen: _Pen, c: _Palette, rng: random.Random) -> None:
    pen.rrect(-0.5, -0.85, 0.5, 0.85, 0.16, c.dark)
    pen.rrect(-0.42, -0.77, 0.42, 0.77, 0.1, c.main)
    pen.poly([(0.08, -0.55), (-0.2, 0.08), (0.0, 0.08), (-0.08, 0.55), (0.22, -0.1), (0.02, -0.1)], c.white)
    for i in range(4):
        pen.circle(-0.18 + i * 0.12, 0.68, 0.03, c.accent if i < 3 else c.pale)
    pen.rrect(-0.15, -0.95, 0.15, -0.85, 0.02, c.accent)


def _watch(pen: _Pen, c: _Palette, rng: random.Random) -> None:
    pen.rrect(-0.3, -0.98, 0.3, -0.3, 0.06, c.main)
    pen.rrect(-0.3, 0.3, 0.3, 0.98, 0.06, c.main)
    for y in (0.5, 0.65, 0.8):
        pen.circle(0, y, 0.03, c.dark)
    pen.rrect(0.5, -0.08, 0.64, 0.08, 0.03, c.metal)
    pen.circle(0, 0, 0.56, c.metal)
    pen.circle(0, 0, 0.48, c.white)
    for i in range(12):
        a = math.radians(i * 30)
        r0 = 0.36 if i % 3 else 0.32
        pen.line([(r0 * math.cos(a), r0 * math.sin(a)), (0.43 * math.cos(a), 0.43 * math.sin(a))], 0.025, c.ink)
    ha, ma = math.radians(rng.choice((-60, -30, 30, 120))), math.radians(rng.choice((-100, -20, 60, 160)))
    pen.line([(0, 0), (0.22 * math.cos(ha), 0.22 * math.sin(ha))], 0.05, c.ink)
    pen.line([(0, 0), (0.36 * math.cos(ma), 0.36 * math.sin(ma))], 0.035, c.ink)
    pen.circle(0, 0, 0.05, c.accent)


def _clock(pen: _Pen, c: _Palette, rng: random.Random) -> None:
    pen.circle(0, 0, 0.86, c.dark)
    pen.circle(0, 0, 0.76, c.white)
    for i in range(12):
        a = math.radians(i * 30)
        pen.line([(0.6 * math.cos(a), 0.6 * math.sin(a)), (0.7 * math.cos(a), 0.7 * math.sin(a))], 0.06, c.ink)
    pen.line([(0, 0), (0.0, -0.45)], 0.07, c.ink)
    pen.line([(0, 0), (0.5, 0.15)], 0.05, c.ink)
    pen.line([(-0.15, -0.05), (0.55, 0.12)], 0.02, (200, 40, 40))
    pen.circle(0, 0, 0.06, c.main)


def _headphones(pen: _Pen, c: _Palette, rng: random.Random) -> None:
    pen.arc(0, 0.05, 0.68, 0.75, 180, 360, 0.12, c.dark)
    for s in (-1, 1):
        pen.rrect(s * 0.86 - 0.16, -0.05, s * 0.86 + 0.16, 0.65, 0.14, c.main)
        pen.rrect(s * 0.66 - 0.1, 0.0, s * 0.66 + 0.1, 0.6, 0.08, c.dark)
        pen.circle(s * 0.86, 0.3, 0.06, c.accent)


def _speaker(pen: _Pen, c: _Palette, rng: random.Random) -> None:
    pen.rrect(-0.62, -0.86, 0.62, 0.86, 0.12, c.main)
    pen.circle(0, 0.28, 0.42, c.dark)
    pen.circle(0, 0.28, 0.3, _shade(c.dark, 0.15))
    pen.circle(0, 0.28, 0.1, c.accent)
    pen.circle(0, -0.48, 0.18, c.dark)
    pen.circle(0, -0.48, 0.07, c.light)


def _turntable(pen: _Pen, c: _Palette, rng: random.Random) -> None:
    pen.rrect(-0.9, -0.62, 0.9, 0.72, 0.06, c.main)
    pen.rrect(-0.9, 0.56, 0.9, 0.72, 0.04, c.dark)
    pen.circle(-0.18, 0.0, 0.56, c.ink)
    for r in (0.46, 0.38, 0.3):
        pen.ring(-0.18, 0.0, r, r, 0.01, _shade(c.ink, 0.18))
    pen.circle(-0.18, 0.0, 0.16, c.accent)
    pen.circle(-0.18, 0.0, 0.03, c.white)
    pen.circle(0.68, -0.4, 0.1, c.metal)
    pen.line([(0.68, -0.4), (0.62, 0.25), (0.3, 0.38)], 0.035, c.metal)
    pen.rrect(0.25, 0.32, 0.36, 0.44, 0.02, c.dark)


def _radio(pen: _Pen, c: _Palette, rng: random.Random) -> None:
    pen.line([(0.45, -0.55), (0.75, -0.98)], 0.03, c.metal)
    pen.rrect(-0.9, -0.55, 0.9, 0.65, 0.14, c.main)
    pen.rrect(-0.78, -0.43, 0.12, 0.53, 0.08, c.dark)
    for y in range(8):
        pen.line([(-0.7, -0.33 + y * 0.11), (0.04, -0.33 + y * 0.11)], 0.025, _shade(c.dark, 0.2), caps=False)
    pen.rrect(0.24, -0.4, 0.78, -0.12, 0.04, c.pale)
    pen.line([(0.5, -0.38), (0.5, -0.14)], 0.02, (200, 50, 40), caps=False)
    pen.circle(0.51, 0.25, 0.18, c.dark)
    pen.circle(0.51, 0.25, 0.1, c.metal)


def _bottle(pen: _Pen, c: _Palette, rng: random.Random) -> None:
    pen.rrect(0.42, 0.3, 0.95, 0.85, 0.08, c.pale)
    pen.rrect(0.4, 0.18, 0.97, 0.36, 0.05, c.dark)
    pen.rrect(-0.45, -0.25, 0.3, 0.88, 0.12, c.main)
    pen.rrect(-0.35, 0.1, 0.2, 0.6, 0.04, c.white)
    pen.line([(-0.25, 0.25), (0.1, 0.25)], 0.03, c.light, caps=False)
    pen.line([(-0.25, 0.38), (0.02, 0.38)], 0.03, c.pale, caps=False)
    pen.rrect(-0.16, -0.42, 0.01, -0.25, 0.02, c.dark)
    pen.rrect(-0.22, -0.52, 0.07, -0.4, 0.03, c.metal)
    pen.ellipse(-0.075, -0.7, 0.12, 0.19, c.dark)
    pen.line([(-0.38, -0.1), (-0.38, 0.75)], 0.03, c.light, caps=False)


def _perfume(pen: _Pen, c: _Palette, rng: random.Random) -> None:
    pen.rrect(-0.58, -0.28, 0.58, 0.88, 0.14, c.pale)
    pen.rrect(-0.5, 0.12, 0.5, 0.8, 0.1, c.main)
    pen.line([(-0.42, -0.15), (-0.42, 0.7)], 0.04, c.white, caps=False)
    pen.rrect(-0.12, -0.42, 0.12, -0.28, 0.02, c.metal)
    pen.poly([(-0.3, -0.42), (0.3, -0.42), (0.22, -0.82), (-0.22, -0.82)], c.dark)
    pen.rrect(-0.3, 0.32, 0.3, 0.6, 0.03, c.white)


def _lipstick(pen: _Pen, c: _Palette, rng: random.Random) -> None:
    pen.rrect(0.25, 0.05, 0.8, 0.88, 0.05, c.dark)
    pen.rrect(-0.55, 0.1, 0.05, 0.88, 0.05, c.dark)
    pen.rrect(-0.5, -0.2, 0.0, 0.12, 0.03, c.metal)
    pen.poly([(-0.44, -0.2), (-0.44, -0.62), (-0.06, -0.82), (-0.06, -0.2)], c.main)
    pen.line([(-0.36, -0.3), (-0.36, -0.6)], 0.03, c.light, caps=False)
    pen.rrect(0.3, -0.35, 0.75, 0.05, 0.04, c.metal)


def _flask(pen: _Pen, c: _Palette, rng: random.Random) -> None:
    pen.rrect(-0.34, -0.6, 0.34, 0.9, 0.16, c.main)
    pen.rrect(-0.24, -0.78, 0.24, -0.56, 0.04, c.dark)
    pen.rrect(-0.3, -0.95, 0.3, -0.74, 0.08, c.dark)
    pen.ring(0.3, -0.85, 0.12, 0.08, 0.035, c.dark)
    pen.rrect(-0.34, 0.05, 0.34, 0.35, 0.0, c.light)
    pen.line([(-0.22, -0.45), (-0.22, 0.75)], 0.04, _shade(c.main, 0.3), caps=False)


def _mat(pen: _Pen, c: _Palette, rng: random.Random) -> None:
    pen.poly([(-0.55, 0.25), (0.95, 0.25), (0.95, 0.62), (-0.55, 0.62)], c.light)
    pen.rrect(-0.75, -0.35, 0.55, 0.25, 0.0, c.main)
    pen.ellipse(0.55, -0.05, 0.14, 0.3, c.dark)
    pen.ellipse(-0.75, -0.05, 0.14, 0.3, c.main)
    for r in (0.22, 0.15, 0.08):
        pen.ring(-0.75, -0.05, r * 0.47, r, 0.018, c.dark)
    pen.line([(-0.1, -0.36), (-0.1, 0.26)], 0.06, c.accent, caps=False)
    pen.line([(0.2, -0.36), (0.2, 0.26)], 0.06, c.accent, caps=False)


def _incense(pen: _Pen, c: _Palette, rng: random.Random) -> None:
    pen.ellipse(0, 0.72, 0.7, 0.14, c.dark)
    pen.ellipse(0, 0.66, 0.6, 0.1, c.main)
    for k, x in enumerate((-0.18, 0.0, 0.18)):
        top = -0.25 - 0.1 * (k % 2)
        pen.line([(x * 0.4, 0.62), (x, top)], 0.025, WOOD)
        pen.circle(x, top, 0.03, (226, 98, 52))
        pen.arc(x + 0.05, top - 0.2, 0.05, 0.12, 90, 270, 0.02, c.white)
        pen.arc(x + 0.05, top - 0.44, 0.05, 0.12, -90, 90, 0.02, c.white)


def _lamp(pen: _Pen, c: _Palette, rng: random.Random) -> None:
    pen.poly([(-0.62, -0.08), (0.62, -0.08), (0.9, 0.72), (-0.9, 0.72)], _mix(c.pale, (255, 236, 170), 0.55))
    pen.line([(0, -0.1), (0, 0.78)], 0.07, c.dark)
    pen.ellipse(0, 0.82, 0.38, 0.1, c.dark)
    pen.poly([(-0.42, -0.82), (0.42, -0.82), (0.66, -0.08), (-0.66, -0.08)], c.main)
    pen.line([(-0.66, -0.08), (0.66, -0.08)], 0.04, c.dark)
    pen.line([(-0.3, -0.72), (-0.48, -0.16)], 0.03, c.light, caps=False)


def _candle(pen: _Pen, c: _Palette, rng: random.Random) -> None:
    pen.ellipse(0, -0.62, 0.16, 0.26, (246, 196, 92))
    pen.ellipse(0, -0.55, 0.07, 0.14, (255, 244, 214))
    pen.line([(0, -0.38), (0, -0.28)], 0.03, c.ink, caps=False)
    pen.rrect(-0.5, -0.3, 0.5, 0.88, 0.1, c.main)
    pen.ellipse(0, -0.28, 0.5, 0.09, c.pale)
    pen.rrect(-0.5, 0.15, 0.5, 0.55, 0.0, c.white)
    pen.line([(-0.3, 0.3), (0.3, 0.3)], 0.03, c.dark, caps=False)
    pen.line([(-0.2, 0.42), (0.2, 0.42)], 0.02, c.light, caps=False)


def _mug(pen: _Pen, c: _Palette, rng: random.Random) -> None:
    pen.ring(0.45, 0.12, 0.25, 0.28, 0.11, c.main)
    pen.rrect(-0.6, -0.45, 0.38, 0.72, 0.12, c.main)
    pen.poly([(-0.6, -0.45), (0.38, -0.45), (0.38, -0.12), (0.2, -0.02), (0.0, -0.15), (-0.2, 0.0),
              (-0.42, -0.14), (-0.6, -0.05)], c.dark)
    pen.ellipse(-0.11, -0.45, 0.49, 0.09, c.light)
    pen.ellipse(-0.11, -0.44, 0.42, 0.06, c.dark)
    for x in (-0.3, 0.05):
        pen.arc(x, -0.75, 0.08, 0.12, 90, 270, 0.03, c.white)
        pen.arc(x, -0.99, 0.08, 0.12, -90, 90, 0.03, c.white)


def _bowl(pen: _Pen, c: _Palette, rng: random.Random) -> None:
    pen.rrect(-0.25, 0.55, 0.25, 0.7, 0.03, c.dark)
    pen.poly(_ellipse_pts(0, -0.05, 0.85, 0.7, 0, 180, 60), c.main)
    pen.ellipse(0, -0.05, 0.85, 0.16, c.light)
    pen.ellipse(0, -0.03, 0.74, 0.11, c.pale)
    pen.arc(0, -0.05, 0.85, 0.7, 25, 155, 0.05, c.dark, caps=False)


def _plate(pen: _Pen, c: _Palette, rng: random.Random) -> None:
    pen.ellipse(0, 0.12, 0.95, 0.42, c.dark)
    pen.ellipse(0, 0.06, 0.95, 0.42, c.main)
    pen.ellipse(0, 0.06, 0.68, 0.28, c.light)
    pen.ellipse(0, 0.06, 0.6, 0.23, c.pale)
    for k in range(3):
        pen.circle(-0.3 + k * 0.3, 0.05 + (k % 2) * 0.05, 0.07, c.accent)


def _teapot(pen: _Pen, c: _Palette, rng: random.Random) -> None:
    pen.line([(0.55, 0.15), (0.85, -0.2), (0.98, -0.32)], 0.12, c.main)
    pen.ring(-0.7, 0.05, 0.22, 0.3, 0.09, c.dark)
    pen.ellipse(0, 0.2, 0.68, 0.55, c.main)
    pen.ellipse(0, -0.32, 0.42, 0.1, c.dark)
    pen.circle(0, -0.48, 0.09, c.dark)
    pen.arc(0, 0.2, 0.6, 0.45, 160, 200, 0.04, c.light)
    pen.line([(-0.55, 0.3), (0.55, 0.3)], 0.03, c.light, caps=False)


def _pot(pen: _Pen, c: _Palette, rng: random.Random) -> None:
    pen.line([(0.6, -0.1), (0.98, -0.25)], 0.1, c.dark)
    pen.line([(-0.6, -0.1), (-0.98, -0.25)], 0.1, c.dark)
    pen.rrect(-0.65, -0.25, 0.65, 0.72, 0.18, c.main)
    pen.ellipse(0, -0.25, 0.68, 0.12, c.dark)
    pen.ellipse(0, -0.38, 0.5, 0.1, c.main)
    pen.circle(0, -0.5, 0.08, c.metal)
    pen.line([(-0.5, 0.05), (0.5, 0.05)], 0.04, c.light, caps=False)


def _knife(pen: _Pen, c: _Palette, rng: random.Random) -> None:
    pen.poly([(-0.95, -0.05), (0.2, -0.1), (0.22, 0.1), (-0.6, 0.12), (-0.92, 0.05)], SILVER)
    pen.line([(-0.9, 0.02), (0.15, -0.04)], 0.02, PAPER, caps=False)
    pen.rrect(0.2, -0.14, 0.95, 0.14, 0.08, c.main)
    for x in (0.4, 0.6, 0.8):
        pen.circle(x, 0, 0.03, c.metal)


def _vase(pen: _Pen, c: _Palette, rng: random.Random) -> None:
    belly = rng.uniform(0.55, 0.7)
    ys = [i / 40 * 1.7 - 0.85 for i in range(41)]

    def r(y: float) -> float:
        return 0.16 + belly * math.exp(-(((y - 0.25) / 0.48) ** 2)) + 0.12 * math.exp(-(((y + 0.85) / 0.12) ** 2))

    pen.poly([(r(y), y) for y in ys] + [(-r(y), y) for y in reversed(ys)], c.main)
    pen.poly([(r(y), y) for y in ys[22:28]] + [(-r(y), y) for y in reversed(ys[22:28])], c.dark)
    pen.line([(-r(y) + 0.08, y) for y in ys[12:30]], 0.04, c.light, caps=False)
    pen.ellipse(0, -0.85, 0.28, 0.05, c.dark)


def _towels(pen: _Pen, c: _Palette, rng: random.Random) -> None:
    for i, col in enumerate((c.dark, c.main, c.light)):
        y0 = 0.45 - i * 0.42
        pen.rrect(-0.82 + i * 0.04, y0, 0.82 - i * 0.04, y0 + 0.4, 0.14, col)
        pen.line([(-0.55, y0 + 0.12), (0.55, y0 + 0.12)], 0.04, c.white, caps=False)
        pen.line([(-0.55, y0 + 0.22), (0.55, y0 + 0.22)], 0.02, c.white, caps=False)


def _cushion(pen: _Pen, c: _Palette, rng: random.Random) -> None:
    pts = []
    for i in range(64):
        a = math.radians(i * 360 / 64)
        k = 0.78 + 0.1 * abs(math.cos(2 * a))
        pts.append((k * math.copysign(abs(math.cos(a)) ** 0.6, math.cos(a)),
                    k * math.copysign(abs(math.sin(a)) ** 0.6, math.sin(a))))
    pen.poly(pts, c.main)
    for d in (-0.4, 0.0, 0.4):
        pen.poly([(d, -0.3), (d + 0.2, 0.0), (d, 0.3), (d - 0.2, 0.0)], c.light)
    pen.circle(0, 0, 0.06, c.dark)


def _rug(pen: _Pen, c: _Palette, rng: random.Random) -> None:
    pen.rrect(-0.72, -0.85, 0.72, 0.85, 0.02, c.main)
    pen.rrect(-0.62, -0.75, 0.62, 0.75, 0.0, c.pale)
    for cy in (-0.4, 0.0, 0.4):
        pen.poly([(0, cy - 0.22), (0.36, cy), (0, cy + 0.22), (-0.36, cy)], c.dark)
        pen.poly([(0, cy - 0.1), (0.16, cy), (0, cy + 0.1), (-0.16, cy)], c.accent)
    for i in range(12):
        x = -0.66 + i * 0.12
        pen.line([(x, -0.85), (x, -0.98)], 0.02, c.dark)
        pen.line([(x, 0.85), (x, 0.98)], 0.02, c.dark)


def _teddy(pen: _Pen, c: _Palette, rng: random.Random) -> None:
    fur = c.main
    pen.circle(-0.42, -0.72, 0.18, fur)
    pen.circle(0.42, -0.72, 0.18, fur)
    pen.circle(-0.42, -0.72, 0.09, c.light)
    pen.circle(0.42, -0.72, 0.09, c.light)
    pen.ellipse(0, 0.45, 0.55, 0.48, fur)
    pen.ellipse(-0.55, 0.35, 0.18, 0.3, c.dark)
    pen.ellipse(0.55, 0.35, 0.18, 0.3, c.dark)
    pen.ellipse(0, 0.5, 0.3, 0.3, c.light)
    pen.circle(0, -0.4, 0.48, fur)
    pen.ellipse(0, -0.25, 0.22, 0.16, c.light)
    pen.ellipse(0, -0.32, 0.08, 0.06, c.ink)
    pen.circle(-0.18, -0.52, 0.05, c.ink)
    pen.circle(0.18, -0.52, 0.05, c.ink)
    pen.poly([(-0.12, -0.02), (0.12, -0.02), (0.0, 0.12)], c.accent)


def _blocks(pen: _Pen, c: _Palette, rng: random.Random) -> None:
    def cube(x: float, y: float, s: float, col: RGB) -> None:
        top = [(x, y - s), (x + s, y - s / 2), (x, y), (x - s, y - s / 2)]
        pen.poly(top, _shade(col, 0.35))
        pen.poly([(x - s, y - s / 2), (x, y), (x, y + s), (x - s, y + s / 2)], col)
        pen.poly([(x + s, y - s / 2), (x, y), (x, y + s), (x + s, y + s / 2)], _shade(col, -0.25))

    cube(-0.45, 0.35, 0.42, c.main)
    cube(0.45, 0.35, 0.42, c.accent)
    cube(0.0, -0.2, 0.42, _hls_shift(c.main, dh=0.33))
    pen.circle(-0.6, 0.55, 0.08, c.white)
    pen.poly([(0.5, 0.42), (0.62, 0.62), (0.38, 0.62)], c.white)


def _books(pen: _Pen, c: _Palette, rng: random.Random) -> None:
    cols = [c.main, c.accent, c.dark, _hls_shift(c.main, dh=0.2)]
    rng.shuffle(cols)
    for i, col in enumerate(cols[:3]):
        y = 0.62 - i * 0.3
        dx = (-0.06, 0.05, -0.02)[i]
        pen.rrect(-0.78 + dx, y - 0.13, 0.5 + dx, y + 0.13, 0.03, col)
        pen.rrect(0.42 + dx, y - 0.1, 0.5 + dx, y + 0.1, 0.0, c.pale)
        pen.line([(-0.6 + dx, y - 0.13), (-0.6 + dx, y + 0.13)], 0.03, c.white, caps=False)
    pen.poly([(0.55, -0.9), (0.8, -0.86), (0.76, 0.76), (0.51, 0.74)], cols[3])
    pen.line([(0.6, -0.7), (0.76, -0.68)], 0.03, c.white, caps=False)


def _ring(pen: _Pen, c: _Palette, rng: random.Random) -> None:
    metal = c.metal
    pen.ellipse(0, 0.72, 0.6, 0.1, _shade(c.main, -0.1))
    pen.ring(0, 0.2, 0.5, 0.5, 0.13, metal)
    pen.arc(0, 0.2, 0.5, 0.5, 200, 250, 0.04, PAPER)
    pen.poly([(-0.22, -0.42), (0.22, -0.42), (0.32, -0.3), (0.0, 0.0), (-0.32, -0.3)], c.main)
    pen.poly([(-0.22, -0.42), (0.0, -0.42), (-0.1, -0.3), (-0.32, -0.3)], c.light)
    pen.poly([(0.0, -0.42), (0.22, -0.42), (0.32, -0.3), (0.1, -0.3)], c.dark)
    pen.line([(-0.32, -0.3), (0.32, -0.3)], 0.02, PAPER, caps=False)


def _earrings(pen: _Pen, c: _Palette, rng: random.Random) -> None:
    gem = c.main
    for s_ in (-1, 1):
        x = s_ * 0.38
        pen.arc(x, -0.62, 0.12, 0.16, 180, 400, 0.035, _shade(c.metal, -0.2))
        pen.circle(x, -0.34, 0.09, c.metal)
        pen.line([(x, -0.26), (x, -0.05)], 0.03, _shade(c.metal, -0.2))
        pen.poly(_ellipse_pts(x, 0.3, 0.22, 0.36, 0, 360, 48)[:25] + [(x, -0.08)], gem)
        pen.ellipse(x - 0.06, 0.3, 0.05, 0.12, _shade(gem, 0.45))


def _necklace(pen: _Pen, c: _Palette, rng: random.Random) -> None:
    chain = _shade(c.metal, -0.3)
    pts = _ellipse_pts(0, -0.75, 0.72, 1.05, 10, 170, 40)
    pen.line(pts, 0.025, chain)
    for x, y in pts[1:-1:2]:
        pen.circle(x, y, 0.05, chain)
        pen.circle(x - 0.012, y - 0.012, 0.022, c.metal)
    pen.circle(0, 0.32, 0.07, chain)
    pen.poly([(0, 0.36), (0.2, 0.62), (0, 0.92), (-0.2, 0.62)], c.main)
    pen.poly([(0, 0.36), (0.2, 0.62), (0, 0.62)], c.light)


def _coffee(pen: _Pen, c: _Palette, rng: random.Random) -> None:
    brown = (92, 58, 38)
    pen.ellipse(0, 0.62, 0.9, 0.18, c.pale)
    pen.ellipse(0, 0.6, 0.7, 0.12, _shade(c.pale, -0.08))
    pen.ring(0.62, 0.1, 0.2, 0.2, 0.08, c.main)
    pen.poly([(-0.6, -0.2), (0.6, -0.2), (0.42, 0.55), (-0.42, 0.55)], c.main)
    pen.ellipse(0, -0.2, 0.6, 0.12, c.light)
    pen.ellipse(0, -0.19, 0.52, 0.09, brown)
    for x in (-0.25, 0.1):
        pen.arc(x, -0.5, 0.08, 0.12, 90, 270, 0.03, c.white)
        pen.arc(x, -0.74, 0.08, 0.12, -90, 90, 0.03, c.white)
    for bx, by in ((-0.85, 0.2), (0.85, -0.45), (-0.75, -0.6)):
        pen.ellipse(bx, by, 0.1, 0.07, brown)
        pen.line([(bx - 0.07, by), (bx + 0.07, by)], 0.015, _shade(brown, 0.3), caps=False)


def _tea(pen: _Pen, c: _Palette, rng: random.Random) -> None:
    leaf = [(0.0 + t * 1.2 * math.cos(math.radians(-35)) - 0.35 * math.sin(math.pi * t) * math.sin(math.radians(-35)),
             -0.05 + t * 1.2 * math.sin(math.radians(-35)) - 0.35 * math.sin(math.pi * t) * math.cos(math.radians(-35)))
            for t in (i / 30 for i in range(31))]
    leaf += [(0.0 + t * 1.2 * math.cos(math.radians(-35)) + 0.35 * math.sin(math.pi * t) * math.sin(math.radians(-35)),
              -0.05 + t * 1.2 * math.sin(math.radians(-35)) + 0.35 * math.sin(math.pi * t) * math.cos(math.radians(-35)))
             for t in (i / 30 for i in range(30, -1, -1))]
    pen.poly([(x - 0.05, y - 0.2) for x, y in leaf], c.main)
    pen.line([(-0.05, -0.25), (0.9, -0.93)], 0.03, c.dark, caps=False)
    pen.poly(_ellipse_pts(-0.25, 0.2, 0.6, 0.62, 0, 180, 50), c.light)
    pen.ellipse(-0.25, 0.2, 0.6, 0.12, c.pale)
    pen.ellipse(-0.25, 0.21, 0.5, 0.08, _hls_shift(c.main, dl=0.1))
    pen.rrect(-0.45, 0.78, -0.05, 0.86, 0.02, c.dark)


def _jar(pen: _Pen, c: _Palette, rng: random.Random) -> None:
    pen.rrect(-0.55, -0.45, 0.55, 0.85, 0.16, c.main)
    pen.rrect(-0.6, -0.72, 0.6, -0.45, 0.06, c.metal)
    pen.line([(-0.5, -0.6), (0.5, -0.6)], 0.02, _shade(c.metal, -0.2), caps=False)
    pen.rrect(-0.55, -0.05, 0.55, 0.5, 0.0, c.white)
    pen.line([(-0.35, 0.15), (0.35, 0.15)], 0.05, c.dark, caps=False)
    pen.line([(-0.25, 0.3), (0.25, 0.3)], 0.03, c.light, caps=False)
    pen.line([(-0.42, -0.3), (-0.42, 0.7)], 0.04, c.light, caps=False)


def _chocolate(pen: _Pen, c: _Palette, rng: random.Random) -> None:
    brown = (84, 52, 36)
    pen.rrect(-0.75, -0.7, 0.75, 0.7, 0.05, brown)
    for i in range(3):
        for j in range(4):
            x0, y0 = -0.68 + i * 0.46, -0.63 + j * 0.33
            pen.rrect(x0, y0, x0 + 0.4, y0 + 0.27, 0.03, _shade(brown, 0.12))
    pen.poly([(-0.8, 0.05), (0.8, -0.25), (0.8, 0.75), (-0.8, 0.75)], c.main)
    pen.line([(-0.8, 0.05), (0.8, -0.25)], 0.04, c.metal, caps=False)
    pen.rrect(-0.35, 0.3, 0.45, 0.5, 0.03, c.white)


def _ball(pen: _Pen, c: _Palette, rng: random.Random) -> None:
    pen.ellipse(0.05, 0.9, 0.6, 0.08, _shade(c.main, -0.2))
    pen.circle(0, 0, 0.82, PAPER)

    def pent(cx: float, cy: float, r: float, rot: float) -> list[Point]:
        pts = [(cx + r * math.cos(math.radians(rot + k * 72)), cy + r * math.sin(math.radians(rot + k * 72)))
               for k in range(5)]
        return [(x * min(1.0, 0.8 / math.hypot(x, y)) if math.hypot(x, y) > 0.8 else x,
                 y * min(1.0, 0.8 / math.hypot(x, y)) if math.hypot(x, y) > 0.8 else y) for x, y in pts]

    patch = c.main if _luma(c.main) < 170 else c.ink
    pen.poly(pent(0, 0, 0.26, -90), patch)
    for k in range(5):
        a = math.radians(-90 + 36 + k * 72)
        pen.poly(pent(0.72 * math.cos(a), 0.72 * math.sin(a), 0.22, -90 + 36 + k * 72 + 180), patch)
        a2 = math.radians(-90 + k * 72)
        pen.line([(0.26 * math.cos(a2), 0.26 * math.sin(a2)), (0.55 * math.cos(a2), 0.55 * math.sin(a2))], 0.025, c.ink)
    pen.ring(0, 0, 0.82, 0.82, 0.03, c.ink)
    pen.arc(0, 0, 0.7, 0.7, 200, 240, 0.04, c.pale)


def _racket(pen: _Pen, c: _Palette, rng: random.Random) -> None:
    pen.rrect(-0.08, 0.35, 0.08, 0.98, 0.04, c.dark)
    pen.poly([(-0.08, 0.4), (-0.25, 0.0), (0.25, 0.0), (0.08, 0.4)], c.main)
    pen.ellipse(0, -0.42, 0.48, 0.55, c.pale)
    for i in range(-4, 5):
        x = i * 0.1
        h = 0.55 * math.sqrt(max(0.0, 1 - (x / 0.48) ** 2))
        pen.line([(x, -0.42 - h), (x, -0.42 + h)], 0.012, c.ink, caps=False)
    for i in range(-5, 6):
        y = i * 0.1
        w = 0.48 * math.sqrt(max(0.0, 1 - (y / 0.55) ** 2))
        pen.line([(-w, -0.42 + y), (w, -0.42 + y)], 0.012, c.ink, caps=False)
    pen.ring(0, -0.42, 0.48, 0.55, 0.08, c.main)
    pen.circle(0.62, 0.62, 0.18, (214, 226, 80))
    pen.arc(0.62, 0.62, 0.14, 0.14, 100, 220, 0.02, PAPER, caps=False)


def _tent(pen: _Pen, c: _Palette, rng: random.Random) -> None:
    pen.line([(-0.98, 0.75), (0.98, 0.75)], 0.03, c.dark, caps=False)
    pen.poly([(0.0, -0.78), (0.9, 0.72), (-0.9, 0.72)], c.main)
    pen.poly([(0.0, -0.78), (0.9, 0.72), (0.35, 0.72)], c.dark)
    pen.poly([(0.0, -0.2), (0.28, 0.72), (-0.28, 0.72)], c.ink)
    pen.line([(0.0, -0.78), (0.0, -0.95)], 0.03, c.dark)
    pen.circle(0.7, -0.65, 0.12, (246, 208, 110))


def _bicycle(pen: _Pen, c: _Palette, rng: random.Random) -> None:
    for x in (-0.55, 0.55):
        pen.ring(x, 0.3, 0.38, 0.38, 0.06, c.ink)
        pen.circle(x, 0.3, 0.04, c.ink)
    bb, seat, head = (-0.05, 0.32), (-0.2, -0.25), (0.38, -0.25)
    pen.line([(-0.55, 0.3), bb, seat, (-0.55, 0.3)], 0.06, c.main)
    pen.line([seat, head, bb], 0.06, c.main)
    pen.line([head, (0.55, 0.3)], 0.06, c.main)
    pen.line([head, (0.35, -0.42), (0.5, -0.45)], 0.045, c.dark)
    pen.line([seat, (-0.24, -0.38)], 0.05, c.dark)
    pen.rrect(-0.38, -0.45, -0.1, -0.37, 0.04, c.dark)
    pen.circle(bb[0], bb[1], 0.08, c.dark)


def _sunglasses(pen: _Pen, c: _Palette, rng: random.Random) -> None:
    for s in (-1, 1):
        pen.ellipse(s * 0.42, 0.05, 0.36, 0.28, c.ink)
        pen.ellipse(s * 0.42 - 0.08, -0.03, 0.18, 0.1, _shade(c.main, 0.25))
    pen.arc(0, 0.02, 0.1, 0.08, 200, 340, 0.05, c.ink)
    pen.line([(-0.78, -0.05), (-0.98, -0.2)], 0.05, c.ink)
    pen.line([(0.78, -0.05), (0.98, -0.2)], 0.05, c.ink)


MOTIFS: dict[str, MotifFn] = {
    "shirt": _shirt, "jacket": _jacket, "dress": _dress, "trousers": _trousers, "scarf": _scarf, "beanie": _beanie, "sock": _sock,
    "sneaker": _sneaker, "boot": _boot, "flipflop": _flipflop, "shoe": _low_shoe,
    "bag": _bag, "backpack": _backpack, "wallet": _wallet, "belt": _belt,
    "phone": _phone, "laptop": _laptop, "battery": _battery, "watch": _watch, "clock": _clock,
    "headphones": _headphones, "speaker": _speaker, "turntable": _turntable, "radio": _radio,
    "bottle": _bottle, "perfume": _perfume, "lipstick": _lipstick, "candle": _candle,
    "lamp": _lamp, "flask": _flask, "mat": _mat, "incense": _incense, "mug": _mug, "bowl": _bowl, "plate": _plate, "teapot": _teapot, "pot": _pot, "knife": _knife, "vase": _vase,
    "towels": _towels, "cushion": _cushion, "rug": _rug,
    "teddy": _teddy, "blocks": _blocks, "books": _books, "ring": _ring, "earrings": _earrings, "necklace": _necklace,
    "coffee": _coffee, "tea": _tea, "jar": _jar, "chocolate": _chocolate,
    "ball": _ball, "racket": _racket, "tent": _tent, "bicycle": _bicycle, "sunglasses": _sunglasses,
}

# Keyword refinements of a category motif: (category motif, name pattern, motif). First match wins.
_REFINE: tuple[tuple[str, str, str], ...] = (
    ("shirt", r"dress", "dress"), ("shirt", r"pants|shorts|leggings|trousers", "trousers"),
    ("shirt", r"scarf|stole|dupatta|shawl|bandana", "scarf"), ("shirt", r"beanie|cap\b", "beanie"),
    ("shirt", r"socks", "sock"), ("shirt", r"jacket|fleece|hoodie|sweatshirt|bathrobe|robe\b|half-zip", "jacket"),
    ("sneaker", r"boots", "boot"), ("sneaker", r"flip-flops", "flipflop"),
    ("sneaker", r"loafer|moccasin|flats|huarache|sandal|slipper", "shoe"),
    ("bag", r"wallet|card holder|purse|passport", "wallet"), ("bag", r"belt", "belt"),
    ("bag", r"backpack|daypack|pack\b|hip pack", "backpack"),
    ("phone", r"laptop|ultrabook|tablet|keyboard|mouse|hub|webcam", "laptop"),
    ("phone", r"power bank|charger|charging|cable|plug", "battery"), ("phone", r"smartwatch|fitness band", "watch"),
    ("headphones", r"turntable", "turntable"), ("headphones", r"radio|amplifier", "radio"),
    ("headphones", r"speaker|soundbar|subwoofer", "speaker"),
    ("lipstick", r"shampoo|oil|soap|salts|foundation|mascara", "bottle"),
    ("perfume", r"incense", "incense"), ("bottle", r"mask", "cushion"),
    ("lamp", r"candle|candle holder", "candle"), ("lamp", r"vase|jar|suiban|basket|alebrije", "vase"),
    ("lamp", r"clock", "clock"), ("lamp", r"cork", "books"),
    ("mug", r"plate", "plate"), ("mug", r"bowl|chawan|gaiwan|cazuela|teacups|soba|copitas", "bowl"),
    ("mug", r"teapot|kyusu|shiboridashi|tea set|sake", "teapot"),
    ("mug", r"cocotte|pan\b|saucepan|cezve", "pot"), ("mug", r"knife|knives", "knife"),
    ("towels", r"cushion", "cushion"), ("towels", r"rug|runner", "rug"),
    ("teddy", r"bear|bunny|hedgehog|doll", "teddy"), ("teddy", r".", "blocks"),
    ("ring", r"watch|chronograph|diver", "watch"), ("ring", r"earring|jhumka|hoops|studs|drops?\b", "earrings"),
    ("ring", r"necklace|pendant|anklet|payal|bracelet|strand|cross", "necklace"),
    ("coffee", r"honey|jam|marmalade|mustard|mole|lokum|shortbread", "jar"),
    ("coffee", r"chocolate", "chocolate"), ("coffee", r"olive oil", "jar"), ("coffee", r"tea\b", "tea"),
    ("ball", r"racket", "racket"), ("ball", r"tent|sleeping bag", "tent"), ("ball", r"bike", "bicycle"),
    ("ball", r"sunglasses", "sunglasses"), ("ball", r"headlamp|lantern", "lamp"),
    ("ball", r"bottle", "flask"), ("ball", r"mug", "mug"), ("ball", r"mat\b", "mat"),
)


def motif_for(name: str, category: DemoCategory) -> str:
    """The illustration key for a product: the category motif, refined by keywords in the name."""
    lowered = name.lower()
    for base, pattern, motif in _REFINE:
        if base == category.motif and re.search(pattern, lowered):
            return motif
    return category.motif if category.motif in MOTIFS else "blocks"


# --- text ------------------------------------------------------------------------------------------

_PUNCT = str.maketrans({"–": "-", "—": "-", "−": "-", "×": "x", "„": '"', "“": '"', "”": '"', "’": "'"})


def _printable(text: str) -> str:
    """Map characters the built-in font lacks (accents, typographic dashes) to close ASCII."""
    text = text.translate(_PUNCT)
    out = []
    for ch in text:
        if ord(ch) < 128 or ch in "°·…":
            out.append(ch)
        else:
            base = unicodedata.normalize("NFKD", ch).encode("ascii", "ignore").decode("ascii")
            out.append(base)
    return "".join(out)


@lru_cache(maxsize=64)
def _font(px: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    return ImageFont.load_default(size=px)


def _wrap(text: str, font: ImageFont.FreeTypeFont | ImageFont.ImageFont, width: float, lines: int) -> list[str] | None:
    words, out, current = text.split(), [], ""
    for word in words:
        trial = f"{current} {word}".strip()
        if font.getlength(trial) <= width:
            current = trial
        else:
            if current:
                out.append(current)
            current = word
            if font.getlength(current) > width:
                return None
    if current:
        out.append(current)
    return out if len(out) <= lines else None


def _fit_name(text: str, s: int, width: float) -> tuple[list[str], ImageFont.FreeTypeFont | ImageFont.ImageFont]:
    for frac in (0.058, 0.053, 0.048, 0.044):
        font = _font(max(8, round(s * frac)))
        lines = _wrap(text, font, width, 2)
        if lines:
            return lines, font
    font = _font(max(8, round(s * 0.044)))
    words, first = text.split(), ""
    while words and font.getlength(f"{first} {words[0]}".strip()) <= width:
        first = f"{first} {words.pop(0)}".strip()
    rest = " ".join(words)
    while rest and font.getlength(rest + "…") > width:
        rest = rest[:-1]
    return [first, rest.rstrip() + "…"], font


# --- composition -----------------------------------------------------------------------------------


def _render(name: str, category: DemoCategory, variant_label: str, seed: str, s: int) -> Image.Image:
    rng = random.Random(f"meridian-image:{seed}")
    base = _hex(category.color)
    tint = _hls_shift(base, dh=rng.uniform(-0.025, 0.025), dl=rng.uniform(-0.04, 0.04))
    top, bottom = _shade(tint, 0.86), _shade(tint, 0.7)
    strip = ImageOps.colorize(Image.linear_gradient("L").resize((1, s), Image.BILINEAR), top, bottom)
    img = strip.resize((s, s), Image.NEAREST)
    d = ImageDraw.Draw(img)

    # background pattern
    pattern = rng.choice(("dots", "rings", "stripes", "arcs"))
    soft = _shade(tint, 0.62)
    if pattern == "dots":
        step = s // 18
        x0, y0 = rng.choice(((0, 0), (s // 2, 0), (0, s // 3), (s // 2, s // 3)))
        for gx in range(x0 + step // 2, x0 + s // 2, step):
            for gy in range(y0 + step // 2, y0 + s // 2, step):
                d.ellipse((gx - s * 0.006, gy - s * 0.006, gx + s * 0.006, gy + s * 0.006), fill=soft)
    elif pattern == "rings":
        ox, oy = rng.choice(((0.85, 0.12), (0.12, 0.15), (0.9, 0.6)))
        for k in range(1, 7):
            r = s * 0.07 * k
            d.ellipse((ox * s - r, oy * s - r, ox * s + r, oy * s + r), outline=soft, width=max(1, s // 220))
    elif pattern == "stripes":
        w = max(1, s // 120)
        for k in range(-12, 24):
            x = k * s // 12
            d.line((x, 0, x + s, s), fill=_shade(tint, 0.8), width=w)
    else:
        for k in range(5):
            r = s * (0.35 + 0.09 * k)
            d.arc((-r * 0.5, s - r, r * 1.5, s + r), 270, 360, fill=soft, width=max(1, s // 160))

    # backdrop disc and shadow
    side = rng.choice((-1, 1))
    bx, by, br = s * (0.5 + side * rng.uniform(0.04, 0.1)), s * rng.uniform(0.36, 0.41), s * rng.uniform(0.29, 0.32)
    d.ellipse((bx - br, by - br, bx + br, by + br), fill=_shade(tint, 0.55))
    cx, cy, half = s * 0.5, s * 0.395, s * 0.245 * rng.uniform(0.95, 1.05)
    d.ellipse((cx - half * 0.95, cy + half * 1.02, cx + half * 0.95, cy + half * 1.16), fill=_shade(tint, 0.42))

    # illustration
    main = (_colour_in_label(variant_label) or _colour_in_name(name)
            or _hls_shift(base, dl=rng.uniform(-0.08, 0.06)))
    hint = f"{name} {variant_label}".lower()
    metal = (GOLD if re.search(r"gold|vermeil|brass|copper", hint)
             else SILVER if re.search(r"silver|sterling|steel|alumin|chrome", hint) else None)
    palette = _Palette(main, _shade(tint, 0.55), rng, metal)
    angle = rng.uniform(-7, 7)
    MOTIFS[motif_for(name, category)](_Pen(d, cx, cy, half, angle), palette, rng)

    # name card
    pad = s * 0.06
    card = (pad, s * 0.73, s - pad, s - pad)
    d.rounded_rectangle((card[0], card[1] + s * 0.008, card[2], card[3] + s * 0.008), radius=s * 0.035,
                        fill=_shade(tint, 0.35))
    d.rounded_rectangle(card, radius=s * 0.035, fill=PAPER)
    d.rounded_rectangle((card[0], card[1], card[0] + s * 0.018, card[3]), radius=s * 0.009, fill=_shade(base, -0.1))
    inner = card[2] - card[0] - 2 * s * 0.045
    lines, font = _fit_name(_printable(name), s, inner)
    label_font = _font(max(8, round(s * 0.033)))
    line_h = font.size * 1.18 if isinstance(font, ImageFont.FreeTypeFont) else s * 0.06
    label = _printable(variant_label)
    block = line_h * len(lines) + (label_font.size * 1.35 if label else 0)  # type: ignore[union-attr]
    ty = card[1] + (card[3] - card[1] - block) / 2
    for line in lines:
        d.text((card[0] + s * 0.05, ty), line, font=font, fill=INK)
        ty += line_h
    if label:
        while label and label_font.getlength(label) > inner:
            label = label[:-2].rstrip() + "…"
        d.text((card[0] + s * 0.05, ty + s * 0.008), label, font=label_font, fill=MUTED)

    # brand mark
    mark = _font(max(8, round(s * 0.026)))
    mx, my = s * 0.065, s * 0.055
    g = s * 0.012
    d.polygon([(mx, my - g), (mx + g, my), (mx, my + g), (mx - g, my)], fill=_shade(base, -0.25))
    x = mx + g * 2.2
    for ch in "MERIDIAN":
        d.text((x, my), ch, font=mark, fill=_shade(base, -0.3), anchor="lm")
        x += mark.getlength(ch) + s * 0.006
    return img


def _check_size(size: int) -> None:
    if not isinstance(size, int) or not 16 <= size <= MAX_SIZE:
        raise ValueError(f"image size must be an int between 16 and {MAX_SIZE}, got {size!r}")


def _master(name: str, category: DemoCategory, variant_label: str, seed: str, sizes: Iterable[int]) -> Image.Image:
    largest = max(sizes)
    factor = 2 if largest <= _SUPERSAMPLE_UP_TO else 1
    return _render(name, category, variant_label, seed, largest * factor)


def _downscale(master: Image.Image, size: int) -> Image.Image:
    if master.width == size:
        return master
    if master.width % size == 0:
        return master.reduce(master.width // size)
    return master.resize((size, size), Image.LANCZOS)


def _encode(img: Image.Image) -> bytes:
    buf = io.BytesIO()
    img.save(buf, "WEBP", quality=WEBP_QUALITY, method=WEBP_METHOD)
    return buf.getvalue()


def render_product_image(name: str, category: DemoCategory, variant_label: str, size: int, seed: str) -> bytes:
    """A square WEBP of ``size`` pixels for one product (deterministic for the same arguments)."""
    _check_size(size)
    return _encode(_downscale(_master(name, category, variant_label, seed, (size,)), size))


def image_filename(product_slug: str, size: int) -> str:
    return f"{product_slug}-{size}.webp"


def variant_label(product: DemoProduct) -> str:
    """The caption under the name: the first variant's option values ("Indigo · M")."""
    return " · ".join(value for _, value in product.variants[0].options) if product.variants else ""


def _write_atomic(path: pathlib.Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def _render_job(job: tuple[str, str, DemoCategory, str, tuple[int, ...], pathlib.Path]) -> int:
    slug, name, category, label, sizes, out = job
    master = _master(name, category, label, slug, sizes)
    for size in sorted(sizes, reverse=True):
        _write_atomic(out / image_filename(slug, size), _encode(_downscale(master, size)))
    return len(sizes)


def ensure_images(catalogue: Catalogue, directory: pathlib.Path, sizes: Sequence[int] = (400, 1200),
                  workers: int | None = None) -> int:
    """Write every product's images to ``directory/"catalogue"``; return how many files were written.

    Nothing is rendered when ``.version`` there equals ``SEED_VERSION`` and all files exist; when the
    version differs every image is re-rendered and stale ``.webp`` files are removed. Rendering runs on
    ``workers`` threads (default: one per CPU); Pillow releases the GIL while resampling and encoding.
    """
    sizes = tuple(sorted(set(sizes)))
    for size in sizes:
        _check_size(size)
    out = pathlib.Path(directory) / "catalogue"
    out.mkdir(parents=True, exist_ok=True)
    version_file = out / ".version"
    fresh = version_file.is_file() and version_file.read_text(encoding="utf-8").strip() == SEED_VERSION
    categories = {c.slug: c for c in catalogue.categories}

    jobs = []
    for product in catalogue.products:
        missing = tuple(s for s in sizes if not (fresh and (out / image_filename(product.slug, s)).is_file()))
        if missing:
            jobs.append((product.slug, product.name, categories[product.category_slug], variant_label(product),
                         missing, out))
    if not jobs:
        return 0
    if not fresh:
        version_file.unlink(missing_ok=True)
        expected = {image_filename(p.slug, s) for p in catalogue.products for s in sizes}
        for stale in out.glob("*.webp"):
            if stale.name not in expected:
                stale.unlink()

    n_workers = max(1, min(workers or os.cpu_count() or 1, len(jobs), 8))
    if n_workers == 1:
        written = sum(_render_job(job) for job in jobs)
    else:
        with ThreadPoolExecutor(max_workers=n_workers, thread_name_prefix="demo-images") as pool:
            written = sum(pool.map(_render_job, jobs))
    version_file.write_text(SEED_VERSION + "\n", encoding="utf-8")
    return written
