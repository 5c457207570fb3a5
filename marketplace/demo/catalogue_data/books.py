"""Books and stationery product families (category ``books``).

Contract: ``FAMILIES`` is a tuple of ``schema.Family``. Codes: 490199 printed books, 490300
children's picture and colouring books, 490520 atlases (maps in book form), 482010 notebooks and
journals, 490900 greeting cards and postcards. Classic titles are public-domain texts in the
shop's own editions; the other titles and their authors are fictional.
"""

from marketplace.demo.catalogue_data.options import BOOK_FORMAT, CLOTHBOUND
from marketplace.demo.catalogue_data.schema import Family, T

_ENGLISH = ("English-language edition.", "Englischsprachige Ausgabe.")

FAMILIES: tuple[Family, ...] = (
    Family(
        code="CLS", vendor="hartley-finch", category="books", hs="490199",
        name=("{0}", "{0} (englische Ausgabe)"),
        intro=("{0}", "{0}"),
        body=(("Our own edition, set in a generous typeface, with an introduction by one of our booksellers.",
               "Unsere eigene Ausgabe in großzügiger Schrift, mit einem Vorwort aus unserem Buchhandelsteam."),),
        tail=_ENGLISH,
        tokens=((
            T("Persuasion by Jane Austen", "Persuasion von Jane Austen",
              "Austen's last completed novel, partly set in Bath, where Anne Elliot gets a second chance at love.",
              "Austens letzter vollendeter Roman, der teilweise in Bath spielt, wo Anne Elliot eine zweite "
              "Chance auf die Liebe bekommt."),
            T("Northanger Abbey by Jane Austen", "Northanger Abbey von Jane Austen",
              "Austen's affectionate send-up of Gothic novels, following Catherine Morland's first season in Bath.",
              "Austens liebevolle Parodie auf den Schauerroman über Catherine Morlands erste Saison in Bath."),
            T("Middlemarch by George Eliot", "Middlemarch von George Eliot",
              "Eliot's great panorama of provincial life, marriage and ambition.",
              "Eliots großes Panorama über Provinzleben, Ehe und Ehrgeiz.", price=4, weight=300),
            T("Jane Eyre by Charlotte Brontë", "Jane Eyre von Charlotte Brontë",
              "The orphaned governess who refuses to be anyone's possession.",
              "Die verwaiste Gouvernante, die sich von niemandem besitzen lässt."),
            T("Great Expectations by Charles Dickens", "Great Expectations von Charles Dickens",
              "Pip's journey from the Kent marshes to London, past Miss Havisham's stopped clocks.",
              "Pips Weg von den Marschen in Kent nach London, vorbei an Miss Havishams stehengebliebenen Uhren.",
              price=2, weight=100),
            T("The Wind in the Willows by Kenneth Grahame", "The Wind in the Willows von Kenneth Grahame",
              "Mole, Rat, Badger and the incorrigible Mr Toad on the riverbank.",
              "Maulwurf, Ratte, Dachs und der unverbesserliche Kröterich am Flussufer.", price=-2, weight=-120),
        ),),
        price=20, weight=520, dims=(200, 135, 35), axes=(CLOTHBOUND,),
    ),
    Family(
        code="NFN", vendor="hartley-finch", category="books", hs="490199",
        name=("{0}", "{0} (englische Ausgabe)"),
        intro=("{0}", "{0}"),
        body=(("Signed copies while stocks last.", "Signierte Exemplare, solange der Vorrat reicht."),),
        tail=_ENGLISH,
        tokens=((
            T("Walking the Cotswold Way", "Walking the Cotswold Way",
              "Tom Ashdown's stage-by-stage guide to the 102-mile trail from Chipping Campden to Bath, with "
              "hand-drawn maps.",
              "Tom Ashdowns Etappenführer für den 164 km langen Weg von Chipping Campden nach Bath, mit "
              "handgezeichneten Karten.", weight=-120),
            T("A Year of English Puddings", "A Year of English Puddings",
              "Margaret Pyke's sixty steamed, baked and chilled puddings, from spotted dick to summer pudding.",
              "Margaret Pykes sechzig gedämpfte, gebackene und gekühlte Desserts, von Spotted Dick bis "
              "Summer Pudding.", price=6, weight=400),
            T("The Kitchen Garden Through the Seasons", "The Kitchen Garden Through the Seasons",
              "A month-by-month guide to growing vegetables on a small plot, by head gardener Ruth Ellery.",
              "Ein Ratgeber Monat für Monat für den Gemüseanbau auf kleiner Fläche, von der Obergärtnerin "
              "Ruth Ellery.", price=4, weight=300),
            T("Leaf: A Short History of Tea", "Leaf: A Short History of Tea",
              "How a Chinese leaf conquered the world, told in twelve cups by the historian Samuel Okafor.",
              "Wie ein chinesisches Blatt die Welt eroberte, erzählt in zwölf Tassen vom Historiker Samuel Okafor."),
            T("Garden Birds of Britain: A Field Guide", "Garden Birds of Britain: A Field Guide",
              "A compact field guide to 120 garden birds, with 180 watercolour plates by Iris Hale.",
              "Ein handlicher Bestimmungsführer für 120 Gartenvögel mit 180 Aquarelltafeln von Iris Hale.",
              price=-2, weight=-150),
        ),),
        price=22, weight=600, dims=(240, 170, 30), axes=(BOOK_FORMAT,),
    ),
    Family(
        code="KID", vendor="hartley-finch", category="books", hs="490300",
        name=("{0}", "{0} (englische Ausgabe)"),
        intro=("{0}", "{0}"),
        body=(("A favourite at our Saturday story hour.", "Ein Liebling unserer Vorlesestunde am Samstag."),),
        tail=_ENGLISH,
        tokens=((
            T("Otter Finds the Sea", "Otter Finds the Sea",
              "A picture book about a young otter who follows the river all the way to the sea.",
              "Ein Bilderbuch über einen jungen Otter, der dem Fluss bis zum Meer folgt."),
            T("The Hedgehog Who Couldn't Sleep", "The Hedgehog Who Couldn't Sleep",
              "A gentle bedtime picture book about a hedgehog who is not ready for winter.",
              "Ein sanftes Gute-Nacht-Bilderbuch über einen Igel, der noch nicht bereit für den Winter ist."),
            T("Colour In the British Isles", "Colour In the British Isles",
              "A colouring book of forty castles, lighthouses and harbours.",
              "Ein Malbuch mit vierzig Burgen, Leuchttürmen und Häfen.", price=-3, weight=-80),
            T("A Busy Day at the Station", "A Busy Day at the Station",
              "A lift-the-flap board book about trains, porters and a lost umbrella.",
              "Ein Pappbilderbuch mit Klappen über Züge, Gepäckträger und einen verlorenen Regenschirm.",
              weight=150),
        ),),
        price=9, weight=350, dims=(260, 250, 12),
    ),
    Family(
        code="ATL", vendor="hartley-finch", category="books", hs="490520",
        name=("{0}", "{0}"),
        intro=("{0}", "{0}"),
        body=(("Printed in Britain on FSC-certified paper.", "In Großbritannien auf FSC-zertifiziertem Papier gedruckt."),),
        tokens=((
            T("Pocket Road Atlas of Britain", "Straßenatlas Großbritannien im Taschenformat",
              "A spiral-bound road atlas at 1:250,000 that fits the glovebox.",
              "Ein Straßenatlas mit Spiralbindung im Maßstab 1:250.000, der ins Handschuhfach passt."),
            T("Illustrated World Atlas for Curious Minds", "Illustrierter Weltatlas für Neugierige (englisch)",
              "A large illustrated world atlas with 60 maps of animals, foods and festivals.",
              "Ein großer illustrierter Weltatlas mit 60 Karten zu Tieren, Essen und Festen.", price=13, weight=900),
        ),),
        price=12, weight=600, dims=(280, 220, 15),
    ),
    Family(
        code="STA", vendor="hartley-finch", category="books", hs="482010",
        name=("{0}", "{0}"),
        intro=("{0}", "{0}"),
        body=(("Bound in a family bindery in Somerset.", "In einer Familienbuchbinderei in Somerset gebunden."),),
        tokens=((
            T("Marbled Hardback Notebook, A5", "Notizbuch mit Marmorpapier-Einband, A5",
              "A lined A5 notebook with a hand-marbled cover and 192 pages of 100 g/m² paper.",
              "Ein liniertes Notizbuch in A5 mit handmarmoriertem Einband und 192 Seiten Papier mit 100 g/m²."),
            T("Leather-Bound Travel Journal", "Reisetagebuch mit Ledereinband",
              "A refillable journal in a wrap-around leather cover with a cord tie.",
              "Ein nachfüllbares Tagebuch in einem Ledereinband mit Wickelband.", price=16, weight=100),
            T("Letterpress Greeting Cards, Set of 6", "Letterpress-Grußkarten, 6er-Set",
              "Six blank cards printed on a 1950s letterpress, with envelopes.",
              "Sechs leere Grußkarten, gedruckt auf einer Buchdruckpresse aus den 1950er-Jahren, mit Umschlägen.",
              hs="490900", price=-4, weight=-200),
            T("Bath Watercolour Postcards, Set of 12", "Aquarell-Postkarten aus Bath, 12er-Set",
              "Twelve postcards of Bath from watercolours by local painters.",
              "Zwölf Postkarten mit Aquarellen von Bath, gemalt von Künstlern aus der Stadt.",
              hs="490900", price=-8, weight=-250),
        ),),
        price=16, weight=350, dims=(220, 160, 20),
        palette=("navy", "forest", "burgundy"), colours=0,
    ),
)
