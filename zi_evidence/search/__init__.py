"""Full-text search: the backend contract, keeping the index equal to the catalog, and the query service."""
