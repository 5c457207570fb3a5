"""What the engine's data files are, and how new: for the staff FX page's "rules in force" panel.

Contract (pure: reads only the bundled files in ``data/``, no database):
    * :func:`data_files` returns one :class:`DataFile` per ``*.csv`` / ``*.json`` in ``data/`` (sorted by name):
      what it holds, its own version or date when the file states one (``version`` or ``date`` at the top of a
      JSON file), and for files of dated rules the newest ``effective_from`` of any row (the last rule change
      it knows of). ``data/SOURCES.md`` says where each file comes from.
    * :func:`rules_version` is the engine's rules version (``tariffs.rules_version``: a hash over every data
      file), the same one every landed-cost quote carries.
"""

from __future__ import annotations

import csv
import functools
import io
import json
from dataclasses import dataclass
from importlib import resources

from marketplace.core.i18n import N_
from marketplace.crossborder import tariffs

_TOPICS = {
    "duty_rates.csv": N_("Import duty rates"),
    "ecb_rates": N_("Embedded ECB exchange rates"),
    "hs2022.csv": N_("HS 2022 nomenclature"),
    "preferences.csv": N_("Trade preferences"),
    "regimes.json": N_("De minimis and import regimes"),
    "restrictions.json": N_("Restricted goods"),
    "sdr_rates.json": N_("SDR values (customs forms)"),
    "shipping_rates.json": N_("Shipping rate tables"),
    "vat_rates.csv": N_("VAT and GST rates"),
}


@dataclass(frozen=True)
class DataFile:
    name: str  # the file name in crossborder/data/
    topic: str  # an English msgid ("VAT and GST rates"); the page translates it
    version: str  # the file's own version or date ("2026-11-25.1", "2026-10-06"), "" when it states none
    newest_rule: str  # ISO date of the newest effective_from among its rows, "" when its rows carry none
    rows: int  # rules, rates or entries it holds


def _topic(name: str) -> str:
    return _TOPICS.get(name) or next((v for k, v in _TOPICS.items() if name.startswith(k)), name)


def _newest(values: list[object]) -> str:
    dates = [v for v in values if isinstance(v, str) and len(v) == 10]
    return max(dates) if dates else ""


def _describe(name: str, text: str) -> DataFile:
    if name.endswith(".csv"):
        rows = list(csv.DictReader(io.StringIO(text)))
        return DataFile(name, _topic(name), "HS 2022" if name.startswith("hs") else "",
                        _newest([r.get("effective_from") for r in rows]), len(rows))
    raw = json.loads(text)
    version = str(raw.get("version") or raw.get("date") or "")
    items = next((v for v in raw.values() if isinstance(v, list)), None)
    if items is None:
        items = next((v for v in raw.values() if isinstance(v, dict)), {})
    values = [i.get("effective_from") for i in items if isinstance(i, dict)] if isinstance(items, list) else []
    return DataFile(name, _topic(name), version, _newest(values), len(items))


@functools.cache
def data_files() -> tuple[DataFile, ...]:
    """Every data file, described (see the module contract); read once per process."""
    folder = resources.files("marketplace.crossborder") / "data"
    names = sorted(p.name for p in folder.iterdir() if p.name.endswith((".csv", ".json")))
    return tuple(_describe(name, (folder / name).read_text(encoding="utf-8")) for name in names)


def rules_version() -> str:
    """The engine's rules version, as stamped on every landed-cost quote."""
    return tariffs.rules_version()
