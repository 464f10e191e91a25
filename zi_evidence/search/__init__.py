"""Full-text search: the backend contract plugins implement and the query service the CLI uses."""
