"""The S-city gazetteer (``resources/geo/gazetteer.json``), read by the simulator and the
console alike: districts, census areas, police-station localities, streets, landmarks."""

from services.geo.gazetteer import (
    CensusArea,
    DistrictNames,
    Gazetteer,
    Place,
    Water,
    load_gazetteer,
)

__all__ = ["CensusArea", "DistrictNames", "Gazetteer", "Place", "Water", "load_gazetteer"]
