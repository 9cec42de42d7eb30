"""Areas and their deprivation: the Indices' editions and importers, the area name index, profiles
(MHCLG's summary measures), custom areas, local outcome indicators and the sample borough.

Imports storage and engagement's shared modules; pandas for the official files. Never flask or
slack."""
