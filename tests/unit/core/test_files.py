"""Private documents on disk: names stay inside the store, files are whole, folder names are unguessable."""

from __future__ import annotations

import pytest

from marketplace.core.files import DocumentStore, FileStore, private_name


def test_a_saved_document_reads_back_and_leaves_no_temporary_file(tmp_path):
    store = FileStore(tmp_path)
    assert isinstance(store, DocumentStore)
    assert store.save("labels/shipment-1-ab/label.pdf", b"%PDF-1.4 x") == "labels/shipment-1-ab/label.pdf"
    assert store.open("labels/shipment-1-ab/label.pdf") == b"%PDF-1.4 x"
    store.save("labels/shipment-1-ab/label.pdf", b"second")
    assert store.open("labels/shipment-1-ab/label.pdf") == b"second"
    assert [p.name for p in (tmp_path / "labels" / "shipment-1-ab").iterdir()] == ["label.pdf"]
    with pytest.raises(FileNotFoundError):
        store.open("labels/none.pdf")


@pytest.mark.parametrize("name", ["../secret_key", "/etc/passwd", "a//b.pdf", "a/./b.pdf", "a/../../b", "", ".hidden",
                                  "a\\b.pdf", "x" * 201, None, "labels/ü.pdf"])
def test_names_that_could_leave_the_store_are_refused(tmp_path, name):
    store = FileStore(tmp_path / "store")
    with pytest.raises(ValueError):
        store.save(name, b"x")
    with pytest.raises(ValueError):
        store.open(name)
    assert not (tmp_path / "store").exists()


def test_private_names_carry_128_random_bits():
    names = {private_name("shipment-7") for _ in range(50)}
    assert len(names) == 50
    assert all(name.startswith("shipment-7-") and len(name.rsplit("-", 1)[1]) == 32 for name in names)
