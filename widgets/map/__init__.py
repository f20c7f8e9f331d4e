"""The live map: an offline Leaflet page (folium) in a locked-down QWebEngineView."""
