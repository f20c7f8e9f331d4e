"""The backend on NATS JetStream: one core, any number of stateless edges.

``command-centre-services --backbone nats://HOST:PORT[,…] --role core|edge``:

* :mod:`.core` — the simulator and the command executor; every event goes to its
  topic's stream (stream sequence = seq, stream identity = epoch), entity state to the
  state stream, acks to a bucket every edge reads, all behind a write-ahead journal;
* :mod:`.edge` — websocket nodes speaking protocol v1 unchanged (the single process's
  :class:`~services.backend.session.Session`, budgets and guards included), each
  following the streams into memory (:mod:`.mirror`) and forwarding commands;
* :mod:`.streams` — the layout on JetStream; :mod:`.journal` — the core's log;
  :mod:`.status` — ``command-centre-services status``; :mod:`.runner` — running a node.
"""
