"""The document engine: one description of a paper, written as DOCX and as PDF (DOMAIN §7)."""
