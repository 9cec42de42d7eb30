"""Community assets and services: importing them, placing them in neighbourhoods and listing
them by area."""
