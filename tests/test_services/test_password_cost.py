"""What a stolen hash costs to attack: argon2id at RFC 9106's second recommended profile. The
suite hashes with a lighter profile (tests/conftest.py); this is the one the product ships."""

from __future__ import annotations

from argon2 import Type
from argon2.profiles import RFC_9106_LOW_MEMORY

from models.services.accounts._passwords import PRODUCT_HASHER


def test_the_product_hashes_with_argon2id_at_the_recommended_cost():
    assert PRODUCT_HASHER.type is Type.ID
    assert PRODUCT_HASHER.memory_cost >= RFC_9106_LOW_MEMORY.memory_cost  # 64 MiB
    assert PRODUCT_HASHER.time_cost >= RFC_9106_LOW_MEMORY.time_cost
    stored = PRODUCT_HASHER.hash("Yishi-2026!")
    assert stored.startswith("$argon2id$") and "m=65536" in stored
    assert PRODUCT_HASHER.verify(stored, "Yishi-2026!")
