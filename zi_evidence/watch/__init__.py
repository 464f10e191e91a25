"""Watching the drive: file events only mark paths dirty; one loop runs the ``index`` run when quiet."""
