"""Developer scripts: the sample-repository generator and the document fabricators it shares with tests."""
