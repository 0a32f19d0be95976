"""Dialogs for people and their memberships."""
