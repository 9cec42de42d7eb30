"""Charts and maps as one drawing (shapes.py), written out as SVG for web pages (svg.py) and
rasterised as PNG for Slack (png.py), so both channels show the same picture.

Imports nothing from the rest of engagement: drawings are made by the features that own the
data (areas/chart.py, areas/area_map.py) and rendered here.
"""
