"""Writers: how a claim box looks in HTML and LaTeX, and the assets they ship."""
