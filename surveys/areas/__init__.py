"""Public area pages: find an area by name or code, its profile, and its figures as JSON."""
