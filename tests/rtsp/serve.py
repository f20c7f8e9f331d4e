"""A tiny RTSP server for the tests: serves one H.264 MP4 file, in a loop, on loopback.

Run by Debian's system Python (``/usr/bin/python3``), which has GStreamer's RTSP server
bindings (python3-gi, gir1.2-gst-rtsp-server-1.0, gstreamer1.0-plugins-base/good/bad;
``.ci/run`` installs them)::

    /usr/bin/python3 tests/rtsp/serve.py FILE.mp4 [PORT]

It prints one line, ``rtsp://127.0.0.1:<port>/clip``, once it listens (on PORT, or one
the system chooses), then serves until killed. Each client gets its own pipeline (demux, parse,
RTP-packetise; no re-encoding); when the file ends it starts again from the beginning.
"""

import sys

import gi

gi.require_version("Gst", "1.0")
gi.require_version("GstRtspServer", "1.0")
from gi.repository import GLib, Gst, GstRtspServer  # noqa: E402

LAUNCH = (
    '( filesrc location="{path}" ! qtdemux name=demux ! h264parse config-interval=-1 '
    "! rtph264pay name=pay0 pt=96 config-interval=1 )"
)


def rewind(bin_):
    demux = bin_.get_by_name("demux")
    demux.seek_simple(Gst.Format.TIME, Gst.SeekFlags.FLUSH | Gst.SeekFlags.KEY_UNIT, 0)
    return False


def loop_at_end(_factory, media):
    """Drop the end-of-stream before the payloader and seek back to the start."""
    bin_ = media.get_element()
    pad = bin_.get_by_name("pay0").get_static_pad("sink")

    def probe(_pad, info):
        if info.get_event().type == Gst.EventType.EOS:
            GLib.idle_add(rewind, bin_)
            return Gst.PadProbeReturn.DROP
        return Gst.PadProbeReturn.OK

    pad.add_probe(Gst.PadProbeType.EVENT_DOWNSTREAM, probe)


def main():
    Gst.init(None)
    path = sys.argv[1].replace('"', "")
    server = GstRtspServer.RTSPServer.new()
    server.set_address("127.0.0.1")
    server.set_service(sys.argv[2] if len(sys.argv) > 2 else "0")
    factory = GstRtspServer.RTSPMediaFactory.new()
    factory.set_launch(LAUNCH.format(path=path))
    factory.set_shared(False)
    factory.connect("media-configure", loop_at_end)
    server.get_mount_points().add_factory("/clip", factory)
    server.attach(None)
    sys.stdout.write(f"rtsp://127.0.0.1:{server.get_bound_port()}/clip\n")
    sys.stdout.flush()
    GLib.MainLoop().run()


if __name__ == "__main__":
    main()
