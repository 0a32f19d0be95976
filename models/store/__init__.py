"""Opening, migrating, backing up the database, and the unit of work that records every change."""
