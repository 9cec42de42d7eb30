"""Altering signed links in tests."""

from __future__ import annotations


def with_signature_altered(signed: str) -> str:
    """Return `signed` with the first letter of its signature (after the last '.') changed.

    The signature's last letter carries two unused bits of base64, so changing only those
    leaves the same signature: a test that altered it would pass or fail by chance.
    """
    head, signature = signed.rsplit(".", 1)
    return f"{head}.{'A' if signature[0] != 'A' else 'B'}{signature[1:]}"
