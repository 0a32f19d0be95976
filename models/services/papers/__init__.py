"""Papers: the plain data the document engine prints, built from the database."""
