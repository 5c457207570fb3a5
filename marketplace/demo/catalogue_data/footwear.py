"""Footwear product families (category ``footwear``).

Contract: ``FAMILIES`` is a tuple of ``schema.Family``. Chapter 64 is classified by the outer sole
and upper materials: 640411 sports shoes with textile uppers and rubber soles, 640419 non-sports
textile uppers, 640219 sports shoes with rubber/plastic uppers, 640220 thong sandals with plugged
straps, 640320 leather-soled toe-loop sandals, 640359 leather soles and uppers, 640391/640399
leather uppers on rubber soles (covering / not covering the ankle), 640420 textile uppers on
leather soles.
"""

from marketplace.demo.catalogue_data.options import SHOE_MEN, SHOE_UNISEX, SHOE_WOMEN
from marketplace.demo.catalogue_data.schema import Family, T

FAMILIES: tuple[Family, ...] = (
    Family(
        code="SHO", vendor="navigli-pelle", category="footwear", hs="640359",
        name=("{0}", "{0}"),
        intro=("{0}", "{0}"),
        body=(("Made by a family shoemaker in the Marche, the heart of Italian shoemaking.",
               "Gefertigt von einem Familienbetrieb in den Marken, dem Herzen der italienischen Schuhmacherei."),),
        tokens=((
            T("Leather Penny Loafers", "Penny-Loafer aus Leder",
              "Goodyear-welted penny loafers in calf leather on a leather sole.",
              "Rahmengenähte Penny-Loafer aus Kalbsleder mit Ledersohle."),
            T("Suede Driving Moccasins", "Mokassins aus Veloursleder",
              "Unlined suede driving moccasins on a flexible rubber-pebble sole.",
              "Ungefütterte Mokassins aus Veloursleder mit flexibler Gummi-Noppensohle.",
              hs="640399", price=-60, weight=-300),
            T("Leather Chelsea Boots", "Chelsea-Boots aus Leder",
              "Chelsea boots in waxed calf leather with elastic side panels and a rubber commando sole.",
              "Chelsea-Boots aus gewachstem Kalbsleder mit elastischen Seiteneinsätzen und Profilsohle aus Gummi.",
              hs="640391", price=60, weight=300),
            T("Nappa Ballet Flats", "Ballerinas aus Nappaleder",
              "Soft nappa ballet flats with a leather sole and a padded insole.",
              "Weiche Ballerinas aus Nappaleder mit Ledersohle und gepolsterter Innensohle.",
              price=-80, weight=-450, axes=(SHOE_WOMEN,)),
        ),),
        price=290, weight=950, dims=(320, 200, 120), axes=(SHOE_MEN,),
        palette=("cognac", "black", "brown"), colours=1,
    ),
    Family(
        code="RUN", vendor="paulista-athletica", category="footwear", hs="640411",
        name=("{0}", "{0}"),
        intro=("{0}", "{0}"),
        body=(("Made in Franca, the shoe capital of Brazil.", "Hergestellt in Franca, der Schuhhauptstadt Brasiliens."),),
        tokens=((
            T("Corrida Road Running Shoes", "Straßenlaufschuhe Corrida",
              "Cushioned everyday running sneakers with a knit upper and a springy foam midsole.",
              "Gedämpfte Sneaker zum Laufen für jeden Tag, mit Strickobermaterial und federnder Schaum-Zwischensohle."),
            T("Trilha Trail Running Shoes", "Traillaufschuhe Trilha",
              "Trail shoes with a rock plate and 5 mm lugs for the Serra da Mantiqueira.",
              "Trailschuhe mit Steinschutzplatte und 5-mm-Stollen für die Serra da Mantiqueira.", price=40, weight=60),
            T("Pista Racing Flats", "Wettkampfschuhe Pista",
              "Featherweight racing flats for race days from 10K to the half marathon.",
              "Federleichte Wettkampfschuhe für Rennen vom 10-km-Lauf bis zum Halbmarathon.",
              price=20, weight=-220),
            T("Treino Cross-Training Shoes", "Cross-Trainingsschuhe Treino",
              "Stable cross-training sneakers with a wide forefoot for lifts and jumps.",
              "Stabile Sneaker fürs Cross-Training mit breitem Vorfuß für Gewichte und Sprünge.", price=-50),
            T("Canvas Low-Top Sneakers", "Canvas-Sneaker Low-Top",
              "Everyday canvas low-tops with a vulcanised natural-rubber sole.",
              "Alltagssneaker aus Canvas mit vulkanisierter Naturkautschuksohle.",
              hs="640419", price=-300, weight=-50),
        ),),
        price=599, weight=640, dims=(330, 210, 120), axes=(SHOE_UNISEX,),
        palette=("black", "white", "green", "coral", "blue"), colours=1,
    ),
    Family(
        code="FUT", vendor="paulista-athletica", category="footwear", hs="640219",
        name=("{0}", "{0}"),
        intro=("{0}", "{0}"),
        body=(("Developed with coaches from São Paulo's futsal and football clubs.",
               "Gemeinsam mit Trainerinnen und Trainern aus Futsal- und Fußballvereinen in São Paulo entwickelt."),),
        tokens=((
            T("Firm-Ground Football Boots", "Fußballschuhe für festen Rasen",
              "Lightweight football boots with a synthetic upper and a firm-ground stud plate.",
              "Leichte Fußballschuhe mit Kunststoffobermaterial und Stollenplatte für festen Rasen."),
            T("Futsal Indoor Shoes", "Futsal-Hallenschuhe",
              "Low-profile futsal shoes with a synthetic upper and a gum-rubber sole for grip on court.",
              "Flache Futsal-Schuhe mit Kunststoffobermaterial und Gummisohle für sicheren Halt in der Halle.",
              price=-100, weight=-40),
        ),),
        price=449, weight=560, dims=(330, 200, 115), axes=(SHOE_MEN,),
        palette=("yellow", "black", "white"), colours=1,
    ),
    Family(
        code="FLP", vendor="paulista-athletica", category="footwear", hs="640220",
        name=("{0}", "{0}"),
        intro=("{0}", "{0}"),
        body=(("Made in Brazil; the straps are plugged through the sole so they never pull out.",
               "Hergestellt in Brasilien; die Riemen sind durch die Sohle gesteckt und reißen nicht aus."),),
        tokens=((
            T("Classic Rubber Flip-Flops", "Klassische Zehentrenner aus Gummi",
              "Classic flip-flops in natural rubber with a soft, textured footbed.",
              "Klassische Zehentrenner aus Naturkautschuk mit weichem, strukturiertem Fußbett."),
            T("Bandeira Flip-Flops", "Zehentrenner Bandeira",
              "Flip-flops with a green-and-yellow flag detail on the strap.",
              "Zehentrenner mit grün-gelbem Flaggendetail am Riemen.", price=10),
        ),),
        price=59, weight=200, dims=(290, 120, 50), axes=(SHOE_UNISEX,),
        palette=("green", "navy", "pink", "black"), colours=1,
    ),
    Family(
        code="BOT", vendor="cascade-trail", category="footwear", hs="640391",
        name=("{0}", "{0}"),
        intro=("{0}", "{0}"),
        body=(("Tested on the Wildwood Trail in Forest Park and backed by our one-year comfort guarantee.",
               "Auf dem Wildwood Trail im Forest Park getestet, mit einem Jahr Komfortgarantie."),),
        tokens=((
            T("Men's Timberline Leather Hiking Boots", "Herren-Wanderstiefel Timberline aus Leder",
              "Mid-height hiking boots in full-grain leather with a waterproof membrane and a deep-lugged "
              "rubber sole.",
              "Halbhohe Wanderstiefel aus Vollnarbenleder mit wasserdichter Membran und tief profilierter "
              "Gummisohle."),
            T("Women's Timberline Leather Hiking Boots", "Damen-Wanderstiefel Timberline aus Leder",
              "The women's fit of our full-grain leather hiking boot, with a narrower heel and a waterproof "
              "membrane.",
              "Die Damenpassform unseres Wanderstiefels aus Vollnarbenleder, mit schmalerer Ferse und wasserdichter "
              "Membran.", weight=-200, axes=(SHOE_WOMEN,)),
            T("Fernhill Trail Runners", "Trailschuhe Fernhill",
              "Breathable mesh trail runners with a rock plate and sticky rubber.",
              "Atmungsaktive Trailschuhe aus Mesh mit Steinschutzplatte und griffigem Gummi.",
              hs="640411", price=-60, weight=-500),
        ),),
        price=189, weight=1250, dims=(340, 220, 140), axes=(SHOE_MEN,),
        palette=("brown", "olive", "charcoal"), colours=1,
    ),
    Family(
        code="HUA", vendor="manos-de-oaxaca", category="footwear", hs="640359",
        name=("{0}", "{0}"),
        intro=("{0}", "{0}"),
        body=(("Made by a huarachero family in Villa Hidalgo Yalálag; the leather darkens and moulds to your foot.",
               "Gefertigt von einer Huarachero-Familie in Villa Hidalgo Yalálag; das Leder dunkelt nach und passt "
               "sich dem Fuß an."),),
        tokens=((
            T("Woven Leather Huaraches", "Geflochtene Leder-Huaraches",
              "Huaraches with a hand-woven leather upper on a stitched leather sole.",
              "Huaraches mit handgeflochtenem Lederobermaterial auf genähter Ledersohle."),
            T("Toe-Loop Leather Sandals", "Ledersandalen mit Zehenschlaufe",
              "Simple sandals with a leather sole, a strap across the instep and a loop around the big toe.",
              "Schlichte Sandalen mit Ledersohle, einem Riemen über den Rist und einer Schlaufe um den großen Zeh.",
              hs="640320", price=-300, weight=-200),
            T("Crossover Strap Huaraches", "Huaraches mit gekreuzten Riemen",
              "Open huaraches with crossing leather straps on a leather sole.",
              "Offene Huaraches mit gekreuzten Lederriemen auf Ledersohle.", price=-100, weight=-100),
        ),),
        price=1350, weight=650, dims=(300, 180, 90), axes=(SHOE_UNISEX,),
        palette=("tan", "brown", "black"), colours=1,
    ),
    Family(
        code="SLP", vendor="bosphorus-loom", category="footwear", hs="640420",
        name=("{0}", "{0}"),
        intro=("{0}", "{0}"),
        body=(("Stitched by hand in a small workshop in Kadıköy.", "Von Hand genäht in einer kleinen Werkstatt in Kadıköy."),),
        tokens=((
            T("Kilim Slippers", "Kelim-Hausschuhe",
              "House slippers with uppers cut from kilim-woven cotton on a thin leather sole.",
              "Hausschuhe mit Obermaterial aus Kelim-Baumwollgewebe auf dünner Ledersohle."),
            T("Felted Wool House Slippers", "Hausschuhe aus Filzwolle",
              "Warm house slippers in felted wool on a soft leather sole.",
              "Warme Hausschuhe aus Filzwolle auf weicher Ledersohle.", price=150, weight=60),
        ),),
        price=890, weight=350, dims=(290, 120, 80), axes=(SHOE_UNISEX,),
        palette=("red", "indigo", "ochre"), colours=1,
    ),
)
