"""The demo catalogue's category tree.

Contract: ``CATEGORIES`` is a tuple of ``(slug, name, name_de, parent_slug, color, motif)`` rows in
display order, parents before children. Slugs are unique; top-level rows have ``parent_slug`` None.
``color`` is a "#RRGGBB" tint for images and UI; ``motif`` is the key of the illustration
``marketplace.demo.images`` draws for products of the category (see ``images.MOTIFS``).
"""

CATEGORIES: tuple[tuple[str, str, str, str | None, str, str], ...] = (
    ("apparel", "Apparel", "Bekleidung", None, "#3E6A8A", "shirt"),
    ("footwear", "Footwear", "Schuhe", None, "#C0623F", "sneaker"),
    ("bags", "Bags & Leather Goods", "Taschen & Lederwaren", None, "#8A5A3C", "bag"),
    ("electronics", "Electronics", "Elektronik", None, "#3C4A63", "phone"),
    ("audio", "Audio", "Audio", "electronics", "#4B3F72", "headphones"),
    ("beauty", "Beauty", "Beauty & Pflege", None, "#C46B7E", "lipstick"),
    ("skincare", "Skincare", "Hautpflege", "beauty", "#7FA99B", "bottle"),
    ("fragrance", "Fragrance", "Düfte", "beauty", "#9A6FA8", "perfume"),
    ("home", "Home & Living", "Wohnen", None, "#B0894F", "lamp"),
    ("tableware", "Tableware & Ceramics", "Geschirr & Keramik", "home", "#5F8C8A", "mug"),
    ("home-textiles", "Home Textiles", "Heimtextilien", "home", "#B5654A", "towels"),
    ("toys", "Toys & Games", "Spielzeug & Spiele", None, "#E0A030", "teddy"),
    ("books", "Books & Stationery", "Bücher & Schreibwaren", None, "#6E4B3A", "books"),
    ("jewellery", "Jewellery & Watches", "Schmuck & Uhren", None, "#A88A3D", "ring"),
    ("food-drink", "Food & Drink", "Lebensmittel & Getränke", None, "#8C5A2B", "coffee"),
    ("tea", "Tea", "Tee", "food-drink", "#5E7F3A", "tea"),
    ("sports", "Sports & Outdoors", "Sport & Outdoor", None, "#2F7D5B", "ball"),
)
