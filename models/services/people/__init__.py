"""People, terms and memberships: the registry and the bodies' rosters."""
