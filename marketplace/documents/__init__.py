"""Printable documents as PDF bytes: shipping labels and customs forms (CN22/CN23, commercial invoice).

A renderer takes small frozen dataclasses of plain values (nothing from the database, nothing from Reflex) and
returns the PDF as ``bytes``; the caller stores or serves it. ``documents.pdf.new_document`` is the one place
the page set-up and the embedded font (DejaVu Sans, Unicode, bundled in ``fonts/``) are chosen.
"""
