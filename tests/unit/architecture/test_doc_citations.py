"""Citations of the architecture document stay true: every module that cites it names ``docs/ARCHITECTURE.md``
(the file in this repository), and a cited section (``docs/ARCHITECTURE.md, "Money"``) is a heading there."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
DOC = ROOT / "docs" / "ARCHITECTURE.md"
SCANNED = ["marketplace", "tests", "bench", "docs", "scripts", "alembic", "README.md", "rxconfig.py", "pyproject.toml",
           "Makefile"]
SUFFIXES = {".py", ".md", ".toml", ".yaml", ".yml", ".cfg", ".ini", ".txt", ""}
NAME = "ARCHITECTURE" + ".md"  # spelled in two parts so this file does not cite the document itself
# <optional path>ARCHITECTURE.md, optionally followed by a quoted section name: `, "Money"` or ` "Money"`
CITATION = re.compile(r"(?P<path>[\w./-]*)" + re.escape(NAME) + r"(?:,?[ \t]*\n?[ \t#]*\"(?P<section>[^\"\n]+)\")?")


def _headings(markdown: str) -> set[str]:
    headings, fenced = set(), False
    for line in markdown.splitlines():
        if line.lstrip().startswith("```"):
            fenced = not fenced
        elif not fenced and (match := re.match(r"#{1,6}\s+(.+?)\s*#*\s*$", line)):
            headings.add(match.group(1))
    return headings


def _citations() -> list[tuple[str, int, str, str | None]]:
    """(file, line, cited path, cited section or None) for every mention of the document outside itself."""
    found = []
    for entry in SCANNED:
        base = ROOT / entry
        files = [base] if base.is_file() else sorted(p for p in base.rglob("*") if p.is_file()) if base.exists() else []
        for path in files:
            if path in (DOC, Path(__file__).resolve()) or path.suffix not in SUFFIXES or "__pycache__" in path.parts:
                continue
            try:
                text = path.read_text(encoding="utf-8")
            except UnicodeDecodeError:
                continue
            for match in CITATION.finditer(text):
                line = text.count("\n", 0, match.start()) + 1
                found.append((str(path.relative_to(ROOT)), line, match.group("path"), match.group("section")))
    return found


def test_the_document_exists_with_its_sections():
    headings = _headings(DOC.read_text(encoding="utf-8"))
    assert {"Layers", "Money", "Errors", "Settings", "Where does it go?"} <= headings


def test_every_citation_points_at_the_document_in_docs():
    wrong = [f"{file}:{line} cites {path}{NAME}" for file, line, path, _ in _citations()
             if path not in ("docs/", "/docs/") and not path.endswith("/docs/")]
    assert wrong == []


def test_every_cited_section_is_a_heading_of_the_document():
    headings = _headings(DOC.read_text(encoding="utf-8"))
    citations = _citations()
    assert any(section == "Money" for _, _, _, section in citations), "the scan finds the known citations"
    unknown = [f'{file}:{line} cites "{section}"' for file, line, _, section in citations
               if section is not None and section not in headings]
    assert unknown == [], f"headings of docs/{NAME}: {sorted(headings)}"


def test_the_citation_pattern_reads_the_forms_in_use():
    forms = {
        f'(docs/{NAME}, "Money")': ("docs/", "Money"),
        f'(see docs/{NAME} "Settings")': ("docs/", "Settings"),
        f'rules of {NAME}, enforced': ("", None),
        f'docs/{NAME}, "Money": the price': ("docs/", "Money"),
    }
    for text, expected in forms.items():
        match = CITATION.search(text)
        assert match is not None and (match.group("path"), match.group("section")) == expected, text
