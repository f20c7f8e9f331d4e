"""One tile of the video wall: a camera's live picture and what an operator must know of it.

The tile shows its camera's name and district, the time of the last frame and its state:
LIVE while frames keep coming, CONNECTING just after the camera was put on the tile,
and NO SIGNAL — with the age of the last frame — as soon as no frame has come for
:data:`NO_SIGNAL_AFTER_S`. A tile without signal never shows its last picture: a frozen
frame must not pass for live video. The wall's tick (twice a second) calls
:meth:`VideoTile.refresh` so the state changes without a frame arriving.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QMimeData, QPoint, QRect, QRectF, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QDragEnterEvent,
    QDropEvent,
    QFont,
    QImage,
    QMouseEvent,
    QPainter,
    QPaintEvent,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from services.protocol.entities import Camera
from widgets.common import style
from widgets.common.format import age, local_time
from widgets.video.frames import VideoFrame

#: seconds without a frame before a tile says NO SIGNAL (the wall ticks every 0.5 s, so
#: a stopped stream is shown as such within 2.5 s)
NO_SIGNAL_AFTER_S = 2.0
CAMERA_MIME = "application/x-command-centre-camera"

STATE_COLORS = {
    "live": "#2f9e44",
    "connecting": style.WARNING,
    "no_signal": style.DANGER,
    "empty": style.SURFACE_ALT,
}


def camera_mime(camera_id: str) -> QMimeData:
    mime = QMimeData()
    mime.setData(CAMERA_MIME, camera_id.encode("utf-8"))
    mime.setText(camera_id)
    return mime


class VideoTile(QWidget):
    """Paints one tile; says when a camera is dropped on it, or it is clicked."""

    cameraDropped = Signal(int, str)  # noqa: N815 (Qt signal) tile, camera id
    clicked = Signal(int)  # tile
    doubleClicked = Signal(int)  # noqa: N815 (Qt signal) tile

    def __init__(
        self, index: int, clock: Callable[[], float], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.index = index
        self._clock = clock
        self.setObjectName(f"videoTile{index}")
        self.setAcceptDrops(True)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.camera: Camera | None = None
        self.frame: VideoFrame | None = None
        self.last_frame_at: float | None = None
        self.assigned_at = 0.0
        self.selected = False
        self._drop_hover = False
        self._shown: tuple[str, int] = ("empty", 0)  # what the last paint said
        self._bands = QImage()
        self._bands_key: tuple[object, ...] = ()

    # --- what it shows --------------------------------------------------------------

    def set_camera(self, camera: Camera | None, now: float) -> None:
        """Show ``camera`` (None: nothing); the picture starts over."""
        if camera is None or self.camera is None or camera.id != self.camera.id:
            self.frame = None
            self.last_frame_at = None
            self.assigned_at = now
        self.camera = camera
        self.update()

    def show_frame(self, frame: VideoFrame) -> None:
        self.frame = frame
        self.last_frame_at = frame.received
        self.update()

    def state(self, now: float) -> str:
        """``empty``, ``connecting``, ``live`` or ``no_signal``."""
        if self.camera is None:
            return "empty"
        if self.last_frame_at is not None and now - self.last_frame_at <= NO_SIGNAL_AFTER_S:
            return "live"
        if self.last_frame_at is None and now - self.assigned_at <= NO_SIGNAL_AFTER_S:
            return "connecting"
        return "no_signal"

    def refresh(self, now: float) -> None:
        """Repaint if what the tile says has changed (its state, or the age it shows)."""
        state = self.state(now)
        since = self.last_frame_at if self.last_frame_at is not None else self.assigned_at
        shown = (state, int(now - since) if state == "no_signal" else 0)
        if shown != self._shown:
            self.update()

    def set_selected(self, selected: bool) -> None:
        if selected != self.selected:
            self.selected = selected
            self.update()

    # --- painting -------------------------------------------------------------------

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        now = self._clock()
        state = self.state(now)
        since = self.last_frame_at if self.last_frame_at is not None else self.assigned_at
        self._shown = (state, int(now - since) if state == "no_signal" else 0)
        painter = QPainter(self)
        rect = self.rect()
        painter.fillRect(rect, QColor("#000000"))
        if state == "live" and self.frame is not None:
            image = self.frame.image
            target = QRect(
                QPoint(0, 0), image.size().scaled(rect.size(), Qt.AspectRatioMode.KeepAspectRatio)
            )
            target.moveCenter(rect.center())
            painter.drawImage(target, image)
        elif state == "no_signal":
            self._paint_no_signal(painter, rect, now)
        elif state == "empty":
            self._centre_text(painter, rect, self.tr("Drop a camera here"), style.TEXT_DIM, 0.07)
        else:
            self._centre_text(painter, rect, self.tr("CONNECTING…"), style.WARNING, 0.09)
        if self.camera is not None:
            self._paint_bands(painter, rect, state)
        border = style.ACCENT if (self.selected or self._drop_hover) else "#30363f"
        painter.setPen(QColor(border))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(rect.adjusted(0, 0, -1, -1))
        if self.selected or self._drop_hover:
            painter.drawRect(rect.adjusted(1, 1, -2, -2))
        painter.end()

    def _font(self, share: float, bold: bool = False) -> QFont:
        font = QFont(self.font())
        font.setPixelSize(max(10, min(48, int(self.height() * share))))
        font.setBold(bold)
        return font

    def _centre_text(
        self, painter: QPainter, rect: QRect, text: str, colour: str, share: float
    ) -> None:
        painter.setFont(self._font(share, bold=True))
        painter.setPen(QColor(colour))
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)

    def _paint_no_signal(self, painter: QPainter, rect: QRect, now: float) -> None:
        painter.fillRect(rect, QBrush(QColor("#2a1114"), Qt.BrushStyle.BDiagPattern))
        upper = QRect(rect.left(), rect.top(), rect.width(), rect.height() // 2)
        lower = QRect(rect.left(), rect.center().y(), rect.width(), rect.height() // 2)
        painter.setFont(self._font(0.13, bold=True))
        painter.setPen(QColor(style.DANGER))
        painter.drawText(upper, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom,
                         self.tr("NO SIGNAL"))  # fmt: skip
        if self.last_frame_at is None:
            detail = self.tr("no frame received")
        else:
            detail = self.tr("last frame {0} ago, at {1}").format(
                age(now - self.last_frame_at), local_time(self.last_frame_at)
            )
        if self.camera is not None and self.camera.status == "offline":
            detail += "\n" + self.tr("the camera is offline")
        painter.setFont(self._font(0.06))
        painter.setPen(QColor(style.TEXT))
        painter.drawText(lower, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, detail)

    def _band_height(self, rect: QRect) -> int:
        return max(16, min(40, rect.height() // 9))

    def _paint_bands(self, painter: QPainter, rect: QRect, state: str) -> None:
        """The name/district and time/state bands, from a cache that is redrawn only
        when their text changes (at most about once a second), not for every frame."""
        assert self.camera is not None
        when = (
            self.tr("last frame {0}").format(local_time(self.last_frame_at))
            if self.last_frame_at is not None
            else self.tr("no frame yet")
        )
        ratio = self.devicePixelRatioF()
        key = (rect.width(), rect.height(), ratio, self.camera.name, self.camera.district,
               when, state)  # fmt: skip
        if key != self._bands_key:
            image = QImage(
                round(rect.width() * ratio),
                round(rect.height() * ratio),
                QImage.Format.Format_ARGB32_Premultiplied,
            )
            image.setDevicePixelRatio(ratio)
            image.fill(Qt.GlobalColor.transparent)
            bands = QPainter(image)
            self._draw_bands(bands, QRect(0, 0, rect.width(), rect.height()), state, when)
            bands.end()
            self._bands, self._bands_key = image, key
        band = self._band_height(rect)
        for part in (QRect(0, 0, rect.width(), band),
                     QRect(0, rect.height() - band, rect.width(), band)):  # fmt: skip
            source = QRectF(part.x() * ratio, part.y() * ratio, part.width() * ratio,
                            part.height() * ratio)  # fmt: skip
            painter.drawImage(QRectF(part), self._bands, source)

    def _draw_bands(self, painter: QPainter, rect: QRect, state: str, when: str) -> None:
        assert self.camera is not None
        band = self._band_height(rect)
        pad = max(4, band // 4)
        painter.setFont(self._font(0.055, bold=True))
        top = QRect(rect.left(), rect.top(), rect.width(), band)
        bottom = QRect(rect.left(), rect.bottom() - band + 1, rect.width(), band)
        painter.fillRect(top, QColor(0, 0, 0, 170))
        painter.fillRect(bottom, QColor(0, 0, 0, 170))
        text_top = top.adjusted(pad, 0, -pad, 0)
        painter.setPen(QColor(style.TEXT))
        name = painter.fontMetrics().elidedText(
            self.camera.name, Qt.TextElideMode.ElideRight, int(text_top.width() * 0.7)
        )
        painter.drawText(text_top, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, name)
        painter.setPen(QColor(style.TEXT_DIM))
        painter.drawText(text_top, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight,
                         self.camera.district)  # fmt: skip
        text_bottom = bottom.adjusted(pad, 0, -pad, 0)
        painter.setPen(QColor(style.TEXT))
        painter.drawText(text_bottom, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                         when)  # fmt: skip
        chip = {
            "live": self.tr("LIVE"),
            "connecting": self.tr("CONNECTING"),
            "no_signal": self.tr("NO SIGNAL"),
        }.get(state, "")
        width = painter.fontMetrics().horizontalAdvance(chip) + 2 * pad
        chip_rect = QRect(text_bottom.right() - width, bottom.top() + 2, width, band - 4)
        painter.fillRect(chip_rect, QColor(STATE_COLORS.get(state, style.SURFACE_ALT)))
        painter.setPen(QColor("#ffffff"))
        painter.drawText(chip_rect, Qt.AlignmentFlag.AlignCenter, chip)

    # --- operator input -------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit(self.index)
        super().mousePressEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        if event.button() == Qt.MouseButton.LeftButton:
            self.doubleClicked.emit(self.index)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 (Qt override)
        if event.mimeData().hasFormat(CAMERA_MIME):
            self._drop_hover = True
            self.update()
            event.acceptProposedAction()

    def dragLeaveEvent(self, _event: object) -> None:  # noqa: N802 (Qt override)
        self._drop_hover = False
        self.update()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 (Qt override)
        self._drop_hover = False
        self.update()
        data = event.mimeData()
        if data.hasFormat(CAMERA_MIME):
            camera_id = bytes(data.data(CAMERA_MIME).data()).decode("utf-8")
            event.acceptProposedAction()
            self.cameraDropped.emit(self.index, camera_id)
