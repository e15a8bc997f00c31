"""Build a French knowledge base of health-sector reports: source reports -> Markdown pages for MkDocs."""
