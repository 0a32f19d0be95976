"""Reading and writing the spreadsheets that clerks exchange with nominating units."""
