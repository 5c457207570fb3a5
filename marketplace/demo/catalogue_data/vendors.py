"""The demo marketplace's vendors.

Contract: ``VENDORS`` is a tuple of ``schema.VendorSpec`` in display order. Keys are unique slugs,
``sku_prefix`` is a unique three-letter SKU prefix, ``country`` is ISO 3166-1 alpha-2 and
``currency`` ISO 4217 (the currency the vendor prices in). Exactly one vendor is ``pending`` and
exactly one ``suspended`` (with a reason); all others are ``approved``. ``commission_bps`` is set
only for vendors with a negotiated commission rate. All names, companies and cities are fictional
businesses in real places.
"""

from marketplace.demo.catalogue_data.schema import VendorSpec

VENDORS: tuple[VendorSpec, ...] = (
    VendorSpec(
        key="kyoto-kiln", sku_prefix="KYK",
        display_name="Kyoto Kiln Studio", legal_name="Kyoto Kiln Studio K.K.",
        country="JP", city="Kyoto", currency="JPY",
        description="A family pottery in Higashiyama firing stoneware and porcelain since 1952. "
        "They also pack tea from growers in Uji, half an hour south.",
        description_de="Eine Familientöpferei in Higashiyama, die seit 1952 Steinzeug und Porzellan brennt. "
        "Dazu verpackt sie Tee von Teebauern aus Uji, eine halbe Stunde südlich.",
        response_hours=20,
    ),
    VendorSpec(
        key="navigli-pelle", sku_prefix="NAV",
        display_name="Pelletteria Navigli", legal_name="Pelletteria Navigli S.r.l.",
        country="IT", city="Milan", currency="EUR",
        description="A Milanese leather workshop on the Naviglio Grande, cutting and stitching vegetable-tanned "
        "Tuscan leather into bags, belts and shoes.",
        description_de="Eine Mailänder Lederwerkstatt am Naviglio Grande, die pflanzlich gegerbtes Leder aus der "
        "Toskana zu Taschen, Gürteln und Schuhen verarbeitet.",
        commission_bps=1500, response_hours=18,
    ),
    VendorSpec(
        key="hexin-digital", sku_prefix="HXD",
        display_name="Hexin Digital", legal_name="Shenzhen Hexin Digital Technology Co., Ltd.",
        country="CN", city="Shenzhen", currency="USD",
        description="A Shenzhen electronics maker designing phones, wearables and audio gear in Nanshan and "
        "shipping worldwide with a two-year warranty.",
        description_de="Ein Elektronikhersteller aus Shenzhen, der in Nanshan Smartphones, Wearables und "
        "Audiogeräte entwickelt und weltweit mit zwei Jahren Garantie versendet.",
        response_hours=10,
    ),
    VendorSpec(
        key="voltix-gadgets", sku_prefix="VTX",
        display_name="Voltix Gadgets", legal_name="Guangzhou Voltix Trading Co., Ltd.",
        country="CN", city="Guangzhou", currency="USD",
        description="Budget chargers, cables, power banks and phone accessories from a trading company in "
        "Guangzhou's Baiyun district.",
        description_de="Günstige Ladegeräte, Kabel, Powerbanks und Handyzubehör von einem Handelsunternehmen "
        "aus dem Guangzhouer Bezirk Baiyun.",
        status="suspended",
        status_reason="Lithium battery products listed without UN 38.3 test summaries; listings hidden until "
        "the documents are supplied and reviewed.",
        response_hours=48,
    ),
    VendorSpec(
        key="haneul-skin-lab", sku_prefix="HNL",
        display_name="Haneul Skin Lab", legal_name="Haneul Skin Lab Co., Ltd.",
        country="KR", city="Seoul", currency="KRW",
        description="A Seongsu-dong skincare brand making gentle, low-pH formulas with rice, green tea and "
        "centella from Korean farms.",
        description_de="Eine Hautpflegemarke aus Seongsu-dong, die milde Formeln mit niedrigem pH-Wert aus Reis, "
        "grünem Tee und Centella von koreanischen Höfen herstellt.",
        response_hours=12,
    ),
    VendorSpec(
        key="rangrez-textiles", sku_prefix="RGZ",
        display_name="Rangrez Block Print House", legal_name="Rangrez Textiles Pvt. Ltd.",
        country="IN", city="Jaipur", currency="INR",
        description="Third-generation block printers from Sanganer, hand-printing cotton with carved teak "
        "blocks and natural dyes for clothing and home linen.",
        description_de="Blockdrucker in dritter Generation aus Sanganer, die Baumwolle mit geschnitzten "
        "Teakholzmodeln und Naturfarben für Kleidung und Heimtextilien bedrucken.",
        response_hours=24,
    ),
    VendorSpec(
        key="johari-silver", sku_prefix="JHS",
        display_name="Johari Silver & Stone", legal_name="Johari Silver & Stone LLP",
        country="IN", city="Jaipur", currency="INR",
        description="Silversmiths in Jaipur's Johari Bazaar setting moonstone, turquoise and garnet in "
        "hallmarked sterling silver and gold.",
        description_de="Silberschmiede im Johari-Basar von Jaipur, die Mondstein, Türkis und Granat in "
        "punziertes Sterlingsilber und Gold fassen.",
        response_hours=30,
    ),
    VendorSpec(
        key="manos-de-oaxaca", sku_prefix="MDO",
        display_name="Manos de Oaxaca", legal_name="Cooperativa Manos de Oaxaca S.C. de R.L.",
        country="MX", city="Oaxaca", currency="MXN",
        description="A cooperative of 40 artisan families from the Oaxaca valleys: black clay, Zapotec rugs, "
        "embroidery, coffee and chocolate, sold at fair prices.",
        description_de="Eine Kooperative von 40 Handwerkerfamilien aus den Tälern Oaxacas: schwarzer Ton, "
        "zapotekische Teppiche, Stickerei, Kaffee und Schokolade zu fairen Preisen.",
        commission_bps=800, response_hours=36,
    ),
    VendorSpec(
        key="bosphorus-loom", sku_prefix="BSL",
        display_name="Bosphorus Loom", legal_name="Bosphorus Loom Tekstil A.Ş.",
        country="TR", city="Istanbul", currency="TRY",
        description="An Istanbul towel and textile house weaving Aegean cotton on shuttle looms, plus a few "
        "things every Turkish home needs: tea glasses, cezves and lokum.",
        description_de="Ein Istanbuler Textilhaus, das ägäische Baumwolle auf Schützenwebstühlen zu Handtüchern "
        "verwebt, dazu ein paar Dinge für jeden türkischen Haushalt: Teegläser, Cezves und Lokum.",
        response_hours=16,
    ),
    VendorSpec(
        key="paulista-athletica", sku_prefix="PAU",
        display_name="Paulista Athletica", legal_name="Paulista Athletica Artigos Esportivos Ltda.",
        country="BR", city="São Paulo", currency="BRL",
        description="São Paulo sportswear for running, football and the beach, designed in Vila Madalena "
        "and made in Brazil.",
        description_de="Sportbekleidung aus São Paulo für Laufen, Fußball und Strand, entworfen in "
        "Vila Madalena und in Brasilien gefertigt.",
        response_hours=14,
    ),
    VendorSpec(
        key="hartley-finch", sku_prefix="HAF",
        display_name="Hartley & Finch", legal_name="Hartley & Finch Booksellers Ltd",
        country="GB", city="Bath", currency="GBP",
        description="An independent bookshop and tea merchant near Bath Abbey: new books, clothbound classics, "
        "loose-leaf tea and games for long evenings.",
        description_de="Eine unabhängige Buchhandlung mit Teehandel nahe der Bath Abbey: neue Bücher, "
        "Klassiker in Leinen, loser Tee und Spiele für lange Abende.",
        commission_bps=1000, response_hours=22,
    ),
    VendorSpec(
        key="cascade-trail", sku_prefix="CTS",
        display_name="Cascade Trail Supply Co.", legal_name="Cascade Trail Supply Co., LLC",
        country="US", city="Portland", currency="USD",
        description="A Portland outdoor brand outfitting hikers, campers and bike commuters, with gear tested "
        "on the trails of Mount Hood and the Columbia Gorge.",
        description_de="Eine Outdoor-Marke aus Portland für Wandernde, Campende und Radpendler, deren "
        "Ausrüstung auf den Wegen am Mount Hood und in der Columbia Gorge getestet wird.",
        response_hours=12,
    ),
    VendorSpec(
        key="kreuzberg-werk", sku_prefix="KBW",
        display_name="Kreuzberg Werkstatt", legal_name="Kreuzberg Werkstatt GmbH",
        country="DE", city="Berlin", currency="EUR",
        description="A Berlin design studio and shop for audio, lighting and desk objects, with a small line of "
        "watches and cork goods made by partners in Portugal.",
        description_de="Ein Berliner Designstudio mit Laden für Audio, Licht und Schreibtischobjekte, dazu eine "
        "kleine Uhrenlinie und Korkwaren von Partnern in Portugal.",
        response_hours=8,
    ),
    VendorSpec(
        key="maison-verveine", sku_prefix="MVV",
        display_name="Maison Verveine", legal_name="Maison Verveine SAS",
        country="FR", city="Paris", currency="EUR",
        description="A Paris perfume house in the Marais composing eaux de parfum, candles and body care with "
        "essences distilled in Grasse.",
        description_de="Ein Pariser Parfumhaus im Marais, das Eaux de Parfum, Kerzen und Körperpflege mit in "
        "Grasse destillierten Essenzen komponiert.",
        response_hours=20,
    ),
    VendorSpec(
        key="comptoir-bellecour", sku_prefix="CBL",
        display_name="Comptoir Bellecour", legal_name="Comptoir Bellecour SARL",
        country="FR", city="Lyon", currency="EUR",
        description="A Lyon kitchen shop and épicerie near Place Bellecour: copper pans, knives from Thiers and "
        "the pantry staples of French cooking.",
        description_de="Ein Lyoner Küchenladen mit Feinkost nahe der Place Bellecour: Kupfertöpfe, Messer aus "
        "Thiers und die Vorräte der französischen Küche.",
        response_hours=26,
    ),
    VendorSpec(
        key="holzwerk-nuernberg", sku_prefix="HWN",
        display_name="Holzwerk Nürnberg", legal_name="Holzwerk Nürnberg GmbH & Co. KG",
        country="DE", city="Nuremberg", currency="EUR",
        description="Wooden toys, board games and plush from the old toy city of Nuremberg, made from "
        "FSC-certified beech and tested to EN 71.",
        description_de="Holzspielzeug, Brettspiele und Plüschtiere aus der alten Spielzeugstadt Nürnberg, "
        "gefertigt aus FSC-zertifizierter Buche und geprüft nach EN 71.",
        response_hours=24,
    ),
    VendorSpec(
        key="west-lake-silk", sku_prefix="WLS",
        display_name="West Lake Silk & Tea", legal_name="Hangzhou West Lake Silk & Tea Co., Ltd.",
        country="CN", city="Hangzhou", currency="CNY",
        description="Mulberry silk and Longjing tea from Hangzhou, with porcelain teaware and freshwater "
        "pearls from Zhejiang partners.",
        description_de="Maulbeerseide und Longjing-Tee aus Hangzhou, dazu Porzellan-Teegeschirr und "
        "Süßwasserperlen von Partnern aus Zhejiang.",
        status="pending",
        response_hours=30,
    ),
)
