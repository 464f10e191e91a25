"""The tool's own state folder: the catalog (all SQL), its row types, journal mode and writer lock."""
