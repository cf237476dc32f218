"""`quizzer serve`: the app in a browser tab, one quizzer process per tab (textual-serve's
AppService), behind an access code on any address but loopback (access.py)."""
