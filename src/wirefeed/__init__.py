"""wirefeed: news articles in, RSS / JSON-LD / article pages out."""
