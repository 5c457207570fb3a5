"""Word tables shared by the product families: colours and common option axes, English and German.

Contract: ``COLOURS`` maps a colour key to ``(English name, German name, "#RRGGBB")``; the hex value
is what the image generator uses when a variant is in that colour. The ``*`` axes are ready-made
``schema.Axis`` values (sizes, volumes, pack weights, ...) with German option names and values,
grams and dimension scaling per value. German colour names are used as option values (nominative,
uninflected), never inside a sentence.
"""

from marketplace.demo.catalogue_data.schema import V, axis

COLOURS: dict[str, tuple[str, str, str]] = {
    "black": ("Black", "Schwarz", "#1F1F22"),
    "white": ("White", "Weiß", "#F4F2EE"),
    "offwhite": ("Off-White", "Naturweiß", "#EDE6D8"),
    "ivory": ("Ivory", "Elfenbein", "#F1E9D2"),
    "grey": ("Heather Grey", "Grau meliert", "#9A9C9F"),
    "charcoal": ("Charcoal", "Anthrazit", "#3A3D42"),
    "graphite": ("Graphite", "Graphit", "#4B4F57"),
    "silver": ("Silver", "Silber", "#C5C8CC"),
    "navy": ("Navy", "Marineblau", "#1F2F4F"),
    "indigo": ("Indigo", "Indigo", "#2E3A6E"),
    "midnight": ("Midnight Blue", "Mitternachtsblau", "#1B2340"),
    "sky": ("Sky Blue", "Himmelblau", "#8DB8DC"),
    "teal": ("Teal", "Petrol", "#1F6F73"),
    "forest": ("Forest Green", "Waldgrün", "#2F5D3A"),
    "olive": ("Olive", "Oliv", "#6B6B3A"),
    "sage": ("Sage", "Salbei", "#A3B18A"),
    "mint": ("Mint", "Mint", "#A8D8C2"),
    "sand": ("Sand", "Sand", "#D8C3A0"),
    "stone": ("Stone", "Stein", "#B9B1A3"),
    "camel": ("Camel", "Camel", "#B8874F"),
    "cognac": ("Cognac", "Cognac", "#9A5B2E"),
    "tan": ("Tan", "Hellbraun", "#C08A5B"),
    "brown": ("Dark Brown", "Dunkelbraun", "#4E3323"),
    "rust": ("Rust", "Rost", "#A4502C"),
    "terracotta": ("Terracotta", "Terrakotta", "#C0623F"),
    "ochre": ("Ochre", "Ocker", "#C9962E"),
    "mustard": ("Mustard", "Senfgelb", "#D0A12B"),
    "yellow": ("Sunflower Yellow", "Sonnengelb", "#F2C230"),
    "coral": ("Coral", "Koralle", "#E9785F"),
    "red": ("Red", "Rot", "#C4302B"),
    "burgundy": ("Burgundy", "Bordeaux", "#6D1F2D"),
    "rose": ("Dusty Rose", "Altrosa", "#D49A9A"),
    "pink": ("Pink", "Pink", "#E56B9C"),
    "lilac": ("Lilac", "Flieder", "#B7A3CF"),
    "green": ("Canarinho Green", "Kanariengrün", "#1E8C4E"),
    "blue": ("Cobalt Blue", "Kobaltblau", "#2456A6"),
    "orange": ("Orange", "Orange", "#E8762C"),
    "natural": ("Natural", "Natur", "#E3D5B8"),
    "walnut": ("Walnut", "Nussbaum", "#5C3D2A"),
    "oak": ("Oak", "Eiche", "#C49A63"),
    "gold": ("Gold", "Gold", "#C8A24A"),
    "rosegold": ("Rose Gold", "Roségold", "#C98F7A"),
    "copper": ("Copper", "Kupfer", "#B8693D"),
    "brass": ("Brass", "Messing", "#B59A4A"),
    # cosmetic shades
    "shade_coral": ("Coral Crush", "Korallenrot", "#E2675A"),
    "shade_rose": ("Rosewood", "Rosenholz", "#B5666B"),
    "shade_plum": ("Plum", "Pflaume", "#7B3350"),
    "shade_cherry": ("Cherry", "Kirschrot", "#B01E35"),
    "shade_peach": ("Peach", "Pfirsich", "#F0A07C"),
    "shade_nude": ("Nude Beige", "Nude-Beige", "#C99A83"),
}

# --- apparel sizes -------------------------------------------------------------------------------
SIZE_SML = axis("Size", "Größe", V("S", "S", "S", 0, -20, 95), V("M", "M", "M"), V("L", "L", "L", 0, 25, 105))
SIZE_S_XL = axis(
    "Size", "Größe",
    V("S", "S", "S", 0, -20, 95), V("M", "M", "M"), V("L", "L", "L", 0, 25, 105), V("XL", "XL", "XL", 0, 50, 110),
)
SIZE_XS_XL = axis(
    "Size", "Größe",
    V("XS", "XS", "XS", 0, -35, 90), V("S", "S", "S", 0, -20, 95), V("M", "M", "M"),
    V("L", "L", "L", 0, 25, 105), V("XL", "XL", "XL", 0, 50, 110),
)
SIZE_ONE = axis("Size", "Größe", V("One size", "Einheitsgröße", "OS"))
SOCK_SIZES = axis(
    "Size", "Größe",
    V("S (EU 35–38)", "S (EU 35–38)", "S", 0, -10, 95),
    V("M (EU 39–42)", "M (EU 39–42)", "M"),
    V("L (EU 43–46)", "L (EU 43–46)", "L", 0, 10, 105),
)
ROBE_SIZES = axis("Size", "Größe", V("S/M", "S/M", "SM", 0, -60, 95), V("L/XL", "L/XL", "LXL", 0, 80, 105))

# --- shoe sizes (EU) -------------------------------------------------------------------------------
def _shoe(*sizes: int):
    mid = sizes[len(sizes) // 2]
    return axis(
        "EU size", "EU-Größe",
        *(V(str(s), str(s), str(s), 0, (s - mid) * 15, 100 + (s - mid) * 2) for s in sizes),
    )


SHOE_MEN = _shoe(40, 41, 42, 43, 44, 45)
SHOE_WOMEN = _shoe(36, 37, 38, 39, 40, 41)
SHOE_UNISEX = _shoe(37, 39, 41, 42, 43, 44)

# --- accessories -----------------------------------------------------------------------------------
BELT_LENGTH = axis(
    "Length", "Länge",
    V("85 cm", "85 cm", "85", 0, -10), V("90 cm", "90 cm", "90"), V("95 cm", "95 cm", "95", 0, 8),
    V("100 cm", "100 cm", "100", 0, 15), V("105 cm", "105 cm", "105", 0, 22),
)
RING_SIZE = axis(
    "Ring size", "Ringgröße",
    V("50", "50", "50"), V("52", "52", "52"), V("54", "54", "54"), V("56", "56", "56"), V("58", "58", "58"),
)
SILVER_FINISH = axis(
    "Finish", "Ausführung",
    V("Sterling silver", "Sterlingsilber", "AG"), V("Gold vermeil", "Vergoldet (Vermeil)", "VM", pct=130),
)
CHAIN_LENGTH = axis("Length", "Länge", V("40 cm", "40 cm", "40"), V("45 cm", "45 cm", "45", 0, 1, pct=105), V("50 cm", "50 cm", "50", 0, 2, pct=110))
GLOVE_SIZE = axis("Size", "Größe", V("7", "7", "7"), V("7.5", "7,5", "75"), V("8", "8", "8"), V("8.5", "8,5", "85"), V("9", "9", "9"))

# --- electronics -----------------------------------------------------------------------------------
STORAGE_128_256 = axis("Storage", "Speicher", V("128 GB", "128 GB", "128"), V("256 GB", "256 GB", "256", 80))
STORAGE_256_512 = axis("Storage", "Speicher", V("256 GB", "256 GB", "256"), V("512 GB", "512 GB", "512", 120))
LAPTOP_CONFIG = axis(
    "Configuration", "Ausstattung",
    V("16 GB RAM / 512 GB SSD", "16 GB RAM / 512 GB SSD", "16512"),
    V("32 GB RAM / 1 TB SSD", "32 GB RAM / 1 TB SSD", "321T", 300),
)
CABLE_LENGTH = axis("Length", "Länge", V("1 m", "1 m", "1M"), V("2 m", "2 m", "2M", 3, 25))
WATCH_SIZE = axis("Case size", "Gehäusegröße", V("41 mm", "41 mm", "41"), V("45 mm", "45 mm", "45", 30, 6, 104))
PLUG = axis("Plug", "Stecker", V("EU plug", "EU-Stecker", "EU"), V("UK plug", "UK-Stecker", "UK"), V("US plug", "US-Stecker", "US"))

# --- cosmetics -------------------------------------------------------------------------------------
VOL_30_50 = axis("Size", "Inhalt", V("30 ml", "30 ml", "30"), V("50 ml", "50 ml", "50", 0, 30, 112, pct=150))
VOL_150_300 = axis("Size", "Inhalt", V("150 ml", "150 ml", "150"), V("300 ml", "300 ml", "300", 0, 160, 125, pct=165))
VOL_50_100 = axis("Size", "Inhalt", V("50 ml", "50 ml", "50"), V("100 ml", "100 ml", "100", 0, 120, 120, pct=145))
MASK_PACK = axis("Pack", "Packung", V("5 sheets", "5 Stück", "5"), V("10 sheets", "10 Stück", "10", 0, 125, 130, pct=180))
FOUNDATION_SHADE = axis(
    "Shade", "Farbton",
    V("17 Porcelain", "17 Porzellan", "17"), V("21 Light Beige", "21 Hellbeige", "21"),
    V("23 Natural Beige", "23 Naturbeige", "23"), V("25 Warm Sand", "25 Warmer Sand", "25"),
)
SCENT_VERVEINE = axis(
    "Scent", "Duft",
    V("Verbena", "Verbene", "VER"), V("Fig leaf", "Feigenblatt", "FIG"), V("Orange blossom", "Orangenblüte", "NER"),
)

# --- food ------------------------------------------------------------------------------------------
COFFEE_BAG = axis(
    "Size", "Packung",
    V("250 g", "250 g", "250"), V("500 g", "500 g", "500", 0, 250, 130, pct=185),
    V("1 kg", "1 kg", "1K", 0, 750, 165, pct=340),
)
GRIND = axis("Grind", "Mahlgrad", V("Whole bean", "Ganze Bohne", "WB"), V("Filter grind", "Filtermahlung", "FG"))
TEA_TIN = axis("Size", "Packung", V("100 g tin", "100-g-Dose", "100"), V("250 g refill", "250-g-Nachfüllbeutel", "250", 0, 140, 120, pct=210))
TEA_CADDY_BAGS = axis(
    "Format", "Format",
    V("125 g loose-leaf caddy", "125-g-Dose, lose", "LL"), V("40 pyramid bags", "40 Pyramidenbeutel", "PB", 1, -25),
)
MATCHA_TIN = axis("Size", "Packung", V("30 g tin", "30-g-Dose", "30"), V("100 g pouch", "100-g-Beutel", "100", 0, 80, 130, pct=280))
JAR_SIZE = axis("Size", "Glas", V("250 g jar", "250-g-Glas", "250"), V("500 g jar", "500-g-Glas", "500", 0, 310, 125, pct=180))
BOTTLE_OIL = axis("Size", "Flasche", V("500 ml", "500 ml", "500"), V("1 litre tin", "1-Liter-Kanister", "1L", 0, 520, 135, pct=175))
BOX_SIZE = axis("Size", "Schachtel", V("250 g box", "250-g-Schachtel", "250"), V("500 g box", "500-g-Schachtel", "500", 0, 280, 130, pct=185))

# --- books -----------------------------------------------------------------------------------------
BOOK_FORMAT = axis("Format", "Ausgabe", V("Hardback", "Gebunden", "HB"), V("Paperback", "Taschenbuch", "PB", -12, -180, 85))
CLOTHBOUND = axis("Format", "Ausgabe", V("Clothbound", "Leinen", "CL"), V("Paperback", "Taschenbuch", "PB", -10, -210, 88))

# --- sports / outdoor ------------------------------------------------------------------------------
FRAME_SIZE = axis(
    "Frame size", "Rahmengröße",
    V("S (52 cm)", "S (52 cm)", "S", 0, -150, 96), V("M (55 cm)", "M (55 cm)", "M"), V("L (58 cm)", "L (58 cm)", "L", 0, 150, 104),
)
BALL_SIZE = axis("Size", "Größe", V("Size 4", "Größe 4", "4", -20, -60, 92), V("Size 5", "Größe 5", "5"))
SLEEPING_BAG = axis("Length", "Länge", V("Regular", "Regular", "R"), V("Long", "Long", "L", 20, 90, 106))
