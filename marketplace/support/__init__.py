"""Support: conversations between shoppers and sellers or platform support."""
