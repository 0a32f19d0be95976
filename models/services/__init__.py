"""One function per user action, each owning its unit of work; views and the CLI call only these."""
