"""The project bank: ideas residents, groups and officers propose for an area, moderated by
officers, picked up by partners and turned into actions."""
