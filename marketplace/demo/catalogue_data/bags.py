"""Bags and leather-goods product families (category ``bags``).

Contract: ``FAMILIES`` is a tuple of ``schema.Family``. Heading 4202 is split by kind and outer
surface: 420221/420222 handbags (leather / textile), 420231 pocket goods in leather, 420211/420212
briefcases and laptop cases (leather / textile), 420291/420292 other containers such as backpacks
and travel bags (leather / textile); 420330 leather belts, 420329 leather gloves.
"""

from marketplace.demo.catalogue_data.options import BELT_LENGTH, GLOVE_SIZE
from marketplace.demo.catalogue_data.schema import Family, T

FAMILIES: tuple[Family, ...] = (
    # --- Pelletteria Navigli, Milan (EUR) ----------------------------------------------------------
    Family(
        code="HBG", vendor="navigli-pelle", category="bags", hs="420221",
        name=("{1} Leather {0}", "{0} {1}"),
        intro=("{0}, made from {1}.", "{0}, gefertigt aus {1}."),
        body=(("Hand-stitched edges and solid brass hardware.", "Handgenähte Kanten und Beschläge aus massivem Messing."),),
        tail=("Made in Milan; comes with a cotton dust bag.", "Hergestellt in Mailand; mit Staubbeutel aus Baumwolle."),
        tokens=(
            (
                T("Tote", "Shopper",
                  "our roomy tote with an open top and a magnetic inner pocket",
                  "unser geräumiger Shopper mit offenem Einstieg und magnetischer Innentasche"),
                T("Crossbody Bag", "Umhängetasche",
                  "our compact crossbody bag with an adjustable strap and three compartments",
                  "unsere kompakte Umhängetasche mit verstellbarem Gurt und drei Fächern", price=-60, weight=-350),
                T("Bucket Bag", "Beuteltasche",
                  "our soft bucket bag with a drawstring and a removable inner pouch",
                  "unsere weiche Beuteltasche mit Zugband und herausnehmbarem Innenbeutel", price=-20, weight=-150),
            ),
            (
                T("Vegetable-Tanned", "aus pflanzlich gegerbtem Leder",
                  "vegetable-tanned Tuscan leather that develops a deep patina",
                  "pflanzlich gegerbtem toskanischem Leder, das eine tiefe Patina entwickelt", price=30),
                T("Pebbled", "aus genarbtem Leder",
                  "pebbled calf leather that shrugs off scratches",
                  "genarbtem Kalbsleder, das Kratzer gelassen wegsteckt"),
            ),
        ),
        price=320, weight=850, dims=(400, 150, 320),
        palette=("cognac", "black", "burgundy", "tan"), colours=2,
    ),
    Family(
        code="WAL", vendor="navigli-pelle", category="bags", hs="420231",
        name=("{0}", "{0}"),
        intro=("{0}", "{0}"),
        body=(("Vegetable-tanned leather from Santa Croce sull'Arno, with edges burnished by hand.",
               "Pflanzlich gegerbtes Leder aus Santa Croce sull'Arno, die Kanten von Hand poliert."),),
        tokens=((
            T("Leather Bifold Wallet", "Klappgeldbörse aus Leder",
              "A slim bifold with six card slots and a note compartment.",
              "Eine schlanke Klappgeldbörse mit sechs Kartenfächern und einem Scheinfach."),
            T("Zip-Around Leather Wallet", "Leder-Geldbörse mit Rundum-Reißverschluss",
              "A zip-around wallet with twelve card slots and a coin pocket.",
              "Eine Geldbörse mit Rundum-Reißverschluss, zwölf Kartenfächern und Münzfach.", price=40, weight=60),
            T("Slim Leather Card Holder", "Schmales Kartenetui aus Leder",
              "A four-slot card holder that disappears into a front pocket.",
              "Ein Kartenetui mit vier Fächern, das in jeder Vordertasche verschwindet.", price=-45, weight=-70),
            T("Leather Coin Purse", "Münzbörse aus Leder",
              "A horseshoe coin purse moulded from a single piece of leather.",
              "Eine hufeisenförmige Münzbörse, aus einem einzigen Stück Leder geformt.", price=-35, weight=-50),
            T("Leather Passport Cover", "Reisepasshülle aus Leder",
              "A passport cover with slots for boarding passes and cards.",
              "Eine Reisepasshülle mit Fächern für Bordkarten und Karten.", price=-20, weight=-20),
        ),),
        price=95, weight=110, dims=(120, 100, 25),
        palette=("cognac", "black", "forest"), colours=2,
    ),
    Family(
        code="BLT", vendor="navigli-pelle", category="bags", hs="420330",
        name=("{0}", "{0}"),
        intro=("{0}", "{0}"),
        body=(("Cut to length by hand in our Milan workshop.", "In unserer Mailänder Werkstatt von Hand auf Länge zugeschnitten."),),
        tokens=((
            T("Classic 35 mm Leather Belt", "Klassischer Ledergürtel, 35 mm",
              "A 35 mm belt in full-grain bridle leather with a solid brass buckle.",
              "Ein 35 mm breiter Gürtel aus vollnarbigem Sattelleder mit Schnalle aus massivem Messing."),
            T("Braided Leather Belt", "Geflochtener Ledergürtel",
              "A hand-braided belt you can buckle anywhere, because every gap is a hole.",
              "Ein handgeflochtener Gürtel, der sich überall schließen lässt, weil jede Lücke ein Loch ist.", price=10),
            T("Reversible Leather Dress Belt", "Wendegürtel aus Leder",
              "A 30 mm dress belt, black on one side and brown on the other, with a swivel buckle.",
              "Ein 30 mm breiter Anzuggürtel, auf der einen Seite schwarz, auf der anderen braun, mit drehbarer "
              "Schnalle.", price=20, palette=()),
        ),),
        price=85, weight=180, dims=(300, 120, 40), axes=(BELT_LENGTH,),
        palette=("cognac", "black", "brown"), colours=1,
    ),
    Family(
        code="TRV", vendor="navigli-pelle", category="bags", hs="420291",
        name=("{0}", "{0}"),
        intro=("{0}", "{0}"),
        body=(("Built to be repaired: every strap and zip can be replaced in our workshop.",
               "Für die Reparatur gebaut: Jeder Riemen und jeder Reißverschluss lässt sich in unserer Werkstatt "
               "ersetzen."),),
        tokens=((
            T("Leather Roll-Top Backpack", "Rolltop-Rucksack aus Leder",
              "A roll-top backpack in waxed leather with a padded 15-inch laptop sleeve.",
              "Ein Rolltop-Rucksack aus gewachstem Leder mit gepolstertem Laptopfach für 15 Zoll."),
            T("Leather Weekender Bag", "Weekender-Reisetasche aus Leder",
              "A weekender that holds three days of clothes and still passes as cabin luggage.",
              "Eine Reisetasche für drei Tage Gepäck, die trotzdem als Handgepäck durchgeht.", price=120, weight=500),
            T("Slim Leather Briefcase", "Schmale Aktentasche aus Leder",
              "A slim briefcase with a zip top, two inner sleeves and a detachable shoulder strap.",
              "Eine schmale Aktentasche mit Reißverschluss, zwei Innenfächern und abnehmbarem Schultergurt.",
              hs="420211", price=-40, weight=-300),
        ),),
        price=450, weight=1500, dims=(450, 300, 160),
        palette=("cognac", "black"), colours=2,
    ),
    Family(
        code="GLV", vendor="navigli-pelle", category="bags", hs="420329",
        name=("{0}", "{0}"),
        intro=("{0}", "{0}"),
        body=(("Each pair is cut by hand so the stretch runs across the palm.",
               "Jedes Paar wird von Hand zugeschnitten, damit die Dehnung quer über die Handfläche verläuft."),),
        tokens=((
            T("Cashmere-Lined Leather Gloves", "Lederhandschuhe mit Kaschmirfutter",
              "Nappa leather gloves lined with pure cashmere, sewn in Naples.",
              "Handschuhe aus Nappaleder mit Futter aus reinem Kaschmir, genäht in Neapel."),
        ),),
        price=120, weight=110, dims=(250, 120, 30), axes=(GLOVE_SIZE,),
        palette=("black", "brown", "burgundy"), colours=1,
    ),
    # --- Rangrez Block Print House, Jaipur (INR) ---------------------------------------------------
    Family(
        code="TOT", vendor="rangrez-textiles", category="bags", hs="420222",
        name=("{0}", "{0}"),
        intro=("{0}", "{0}"),
        body=(("Printed with natural dyes in Sanganer.", "In Sanganer mit Naturfarben bedruckt."),),
        tokens=((
            T("Block-Print Canvas Tote", "Canvas-Tasche mit Blockdruck",
              "A sturdy canvas tote, block-printed by hand and lined with cotton.",
              "Eine robuste Canvas-Tasche, von Hand im Blockdruck bedruckt und mit Baumwolle gefüttert."),
            T("Quilted Cotton Laptop Sleeve", "Gesteppte Laptophülle aus Baumwolle",
              "A padded laptop sleeve in quilted block-printed cotton, sized for 14-inch laptops.",
              "Eine gepolsterte Laptophülle aus gesteppter, blockbedruckter Baumwolle für Laptops mit 14 Zoll.",
              hs="420212", price=150, weight=80),
        ),),
        price=950, weight=300, dims=(380, 300, 30),
        palette=("indigo", "rust", "sage"), colours=1,
    ),
    # --- Cascade Trail Supply Co., Portland (USD) --------------------------------------------------
    Family(
        code="PCK", vendor="cascade-trail", category="bags", hs="420292",
        name=("{0}", "{0}"),
        intro=("{0}", "{0}"),
        body=(("Covered by our lifetime repair promise.", "Mit unserem lebenslangen Reparaturversprechen."),),
        tokens=((
            T("Basin 28 L Daypack", "Tagesrucksack Basin, 28 l",
              "A 28-litre daypack with a hydration sleeve, hip-belt pockets and a ventilated back panel.",
              "Ein 28-Liter-Tagesrucksack mit Trinksystemfach, Hüftgurttaschen und belüftetem Rückenteil."),
            T("Summit 45 L Trekking Pack", "Trekkingrucksack Summit, 45 l",
              "A 45-litre trekking pack with an adjustable back length and a removable lid.",
              "Ein 45-Liter-Trekkingrucksack mit verstellbarer Rückenlänge und abnehmbarem Deckelfach.",
              price=90, weight=800),
            T("Waxed Canvas Field Tote", "Tasche aus gewachstem Canvas",
              "A waxed-canvas tote with leather handles and an outside phone pocket.",
              "Eine Tasche aus gewachstem Canvas mit Ledergriffen und Außentasche fürs Handy.",
              hs="420222", price=-50, weight=-400),
            T("Trail Hip Pack", "Hüfttasche Trail",
              "A 3-litre hip pack for a water bottle, snacks and a rain shell.",
              "Eine 3-Liter-Hüfttasche für Trinkflasche, Snacks und Regenjacke.", price=-80, weight=-800),
        ),),
        price=129, weight=1100, dims=(500, 300, 200),
        palette=("forest", "rust", "charcoal"), colours=2,
    ),
)
