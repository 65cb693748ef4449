"""The Advice explorer's engine: the article as data and its search."""
