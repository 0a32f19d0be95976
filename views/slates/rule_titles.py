"""Short Chinese titles for the rule ids of DOMAIN §3 (kept in the domain: the dashboard uses them too)."""

from models.domain.rule_titles import rule_title

__all__ = ["rule_title"]
