"""Add UI strings (and German translations) to locales/messages.pot and the German catalogue by hand.

Usage: .venv/bin/python scripts/add_msgs.py FILE.json   where FILE holds {"msgid": "German msgstr", ...}.
Entries already present are left alone; new ones are added and the catalogues written back sorted, as
`make i18n-extract` (--sort-output) would write them.
"""

import json
import sys

from babel.messages.pofile import read_po, write_po

new = json.load(open(sys.argv[1], encoding="utf-8"))
for path, translated in (("locales/messages.pot", False), ("locales/de/LC_MESSAGES/messages.po", True)):
    with open(path, "rb") as f:
        catalog = read_po(f)
    for msgid, german in new.items():
        if msgid not in catalog:
            flags = ["python-format"] if "%(" in msgid else []
            catalog.add(msgid, german if translated else "", flags=flags)
        elif translated and not catalog[msgid].string:
            catalog[msgid].string = german
    with open(path, "wb") as f:
        write_po(f, catalog, sort_output=True, omit_header=False, width=76, no_location=True)
