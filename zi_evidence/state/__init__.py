"""The tool's own state folder: the catalog (all SQL), its row types, journal mode and writer lock."""

#: The catalog and the search engine's folder, inside the state folder.
CATALOG_NAME = "catalog.sqlite"
INDEX_DIR = "index"
