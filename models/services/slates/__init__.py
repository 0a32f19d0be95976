"""Slates: checking and importing candidate lists against the composition quotas."""
