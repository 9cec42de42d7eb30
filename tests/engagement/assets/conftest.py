"""Fixtures for the asset tests: see fixtures.py."""

from tests.engagement.assets.fixtures import norwich_mapped, norwich_plain  # noqa: F401
