// What the map says about a marker: its tooltip (a title kept on one line, then lines)
// and its popup. Plain text only: every value from the data is placed with textContent,
// never as markup; the words around it come from the console (word(key), translated in
// Python).
(function () {
  "use strict";

  function el(tag, className, content) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (content !== undefined && content !== null) { node.textContent = String(content); }
    return node;
  }

  window.ccMapText = function (word) {
    function incidentStatus(item) { return word("incidentStatus." + item.status) || item.status; }
    // A tooltip's words: a title kept on one line, then the lines under it.
    function tipText(kind, item) {
      var title, lines;
      if (kind === "incidents") {
        title = item.id + " · " + (word("priority." + item.priority) || "P" + item.priority) +
          " · " + (item.status_label || incidentStatus(item));
        lines = [item.category_label || item.category, item.summary];
      } else if (kind === "units") {
        title = (item.callsign || item.id) + " · " + (item.status_label || item.status) +
          (item.incident ? " → " + item.incident : "");
        lines = [item.stale ? word("staleFix") : ""];
      } else if (kind === "cameras") {
        title = item.name + " · " +
          (item.status_label || word("cameraStatus." + item.status) || item.status);
        lines = [];
      } else {
        title = (item.topic || "") + " · " + (word("severity." + item.severity) || item.severity) +
          " · " + item.volume + " " + word("postsPer10Min");
        lines = [item.district, item.excerpt];
      }
      return [title].concat(lines.filter(function (line) { return !!line; }));
    }
    function tipNode(kind, item) {
      var box = el("div"), text = tipText(kind, item);
      box.appendChild(el("div", "cc-tip-title", text[0]));
      text.slice(1).forEach(function (line) { box.appendChild(el("div", "cc-tip-line", line)); });
      return box;
    }

    function row(box, key, value) {
      if (value === undefined || value === null || value === "") { return; }
      var line = el("div", "cc-popup-row");
      line.appendChild(el("span", "cc-popup-key", word(key)));
      line.appendChild(el("span", "cc-popup-value", value));
      box.appendChild(line);
    }
    function popupNode(kind, item) {
      var box = el("div", "cc-popup-body");
      box.dataset.kind = kind;
      box.dataset.id = item.id;
      if (kind === "incidents") {
        box.appendChild(el("div", "cc-popup-title", item.id));
        row(box, "popupPriority", word("priority." + item.priority) || "P" + item.priority);
        row(box, "popupStatus", item.status_label || incidentStatus(item));
        row(box, "popupCategory", item.category_label || item.category);
        row(box, "popupAddress", item.address);
        if (item.summary) { box.appendChild(el("div", "cc-popup-text", item.summary)); }
      } else if (kind === "cameras") {
        box.appendChild(el("div", "cc-popup-title", item.name));
        row(box, "popupStatus", item.status_label || word("cameraStatus." + item.status) || item.status);
        box.appendChild(el("div", "cc-popup-id", item.id));
      } else if (kind === "alerts") {
        box.appendChild(el("div", "cc-popup-title", item.topic));
        row(box, "popupSeverity", word("severity." + item.severity) || item.severity);
        row(box, "popupVolume", item.volume + " " + word("postsPer10Min"));
        row(box, "popupDistrict", item.district);
        box.appendChild(el("div", "cc-popup-row",
          word(item.acknowledged ? "popupAcknowledged" : "popupNotAcknowledged")));
        if (item.excerpt) { box.appendChild(el("div", "cc-popup-text", item.excerpt)); }
      }
      return box;
    }

    return { tipText: tipText, tipNode: tipNode, popupNode: popupNode };
  };
  window.ccMapText.el = el;
})();
