"""The member tables of the main window: bodies, terms and the person registry."""
