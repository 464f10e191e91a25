"""The ``index`` run: walk, hash and plan, parse in workers, map, detect kinds, store, sync the search index."""
