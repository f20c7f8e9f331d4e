"""Address search over the S-city gazetteer for the new-incident form.

Every named point of the gazetteer (``services/geo``: police-station localities, streets,
landmarks) is one completion, shown as "观前街 Guanqian St — street, Gusu" and found by
any part of its Chinese or English name or of an alias ("苏州站", "Suzhou Station"),
case-insensitively. Picking one emits :attr:`AddressSearch.placePicked` with the
:class:`GazetteerPlace` — its point and district — and puts the shown text in the field.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from PySide6.QtCore import QCoreApplication, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtCore import Signal as _Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QCompleter, QLineEdit

from services.geo.gazetteer import load_gazetteer

SEARCH_ROLE = Qt.ItemDataRole.UserRole + 1  # every name and alias, matched against
PLACE_ROLE = Qt.ItemDataRole.UserRole + 2  # the GazetteerPlace


@dataclass(frozen=True)
class GazetteerPlace:
    zh: str
    en: str
    kind: str  # station | street | landmark
    district: str  # the district's English name, as the hub knows it
    lat: float
    lon: float
    aliases: tuple[str, ...] = ()

    @property
    def search_text(self) -> str:
        return " ".join((self.zh, self.en, *self.aliases))


@cache
def gazetteer_places() -> tuple[GazetteerPlace, ...]:
    """Every named point of the S-city gazetteer, loaded once."""
    return tuple(
        GazetteerPlace(
            place.zh, place.en, kind, district, place.lat, place.lon, tuple(place.aliases)
        )
        for kind, district, place in load_gazetteer().places()
    )


def kind_label(kind: str) -> str:
    labels = {
        "station": QCoreApplication.translate("AddressSearch", "police station area"),
        "street": QCoreApplication.translate("AddressSearch", "street"),
        "landmark": QCoreApplication.translate("AddressSearch", "landmark"),
    }
    return labels.get(kind, kind)


def place_text(place: GazetteerPlace) -> str:
    """How a place reads in the list and in the address field."""
    return QCoreApplication.translate("AddressSearch", "{zh} {en} — {kind}, {district}").format(
        zh=place.zh, en=place.en, kind=kind_label(place.kind), district=place.district
    )


class _PlaceCompleter(QCompleter):
    """Matches on every name and alias; inserts the readable text of the place."""

    def pathFromIndex(self, index: QModelIndex | QPersistentModelIndex) -> str:  # noqa: N802
        return str(index.data(Qt.ItemDataRole.DisplayRole) or "")


class AddressSearch(QObject):
    """Attaches the gazetteer's completion to ``field``."""

    placePicked = _Signal(object)  # noqa: N815 (Qt signal) — a GazetteerPlace

    def __init__(self, field: QLineEdit, places: tuple[GazetteerPlace, ...] | None = None):
        super().__init__(field)
        self.field = field
        self.model = QStandardItemModel(self)
        for place in gazetteer_places() if places is None else places:
            item = QStandardItem(place_text(place))
            item.setData(place.search_text, SEARCH_ROLE)
            item.setData(place, PLACE_ROLE)
            item.setToolTip(f"{place.lat:.5f}, {place.lon:.5f}")
            item.setEditable(False)
            self.model.appendRow(item)
        self.completer = _PlaceCompleter(self.model, self)
        self.completer.setObjectName("addressCompleter")
        self.completer.setCompletionRole(SEARCH_ROLE)
        self.completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setMaxVisibleItems(12)
        self.completer.activated[QModelIndex].connect(self._on_activated)
        field.setCompleter(self.completer)

    def _on_activated(self, index: QModelIndex) -> None:
        place = index.data(PLACE_ROLE)
        if isinstance(place, GazetteerPlace):
            self.field.setText(place_text(place))  # (not every path through Qt sets it)
            self.placePicked.emit(place)
