// juesuan serve: drag-and-drop upload and 全部生成 progress. No other script on the pages.
(function () {
  "use strict";
  var csrf = (document.querySelector('meta[name="csrf"]') || {}).content || "";
  var log = document.getElementById("upload-log");
  function say(text, bad) {
    if (!log) return;
    var p = document.createElement("div");
    p.textContent = text;
    if (bad) p.className = "bad";
    log.appendChild(p);
  }
  function upload(url, files) {
    var list = Array.prototype.slice.call(files);
    var chain = Promise.resolve();
    list.forEach(function (f) {
      chain = chain.then(function () {
        say("上传中：" + f.name);
        return fetch(url + "?name=" + encodeURIComponent(f.name), {
          method: "POST", body: f, headers: { "x-csrf-token": csrf }, credentials: "same-origin"
        }).then(function (r) {
          if (r.status === 413) { say(f.name + "：文件过大", true); return; }
          return r.json().then(function (j) {
            (j.errors || []).forEach(function (e) { say(e, true); });
            if ((j.departments || []).length) say(f.name + "：已上传（" + j.departments.length + " 个部门）");
          }, function () { say(f.name + "：上传失败（HTTP " + r.status + "）", true); });
        });
      });
    });
    chain.then(function () { setTimeout(function () { location.reload(); }, 600); });
  }
  var drop = document.getElementById("drop");
  var pick = document.getElementById("pick");
  var target = (drop && drop.getAttribute("data-upload")) || (pick && pick.getAttribute("data-upload")) || "/upload";
  if (drop) {
    ["dragenter", "dragover"].forEach(function (ev) {
      drop.addEventListener(ev, function (e) { e.preventDefault(); drop.classList.add("over"); });
    });
    ["dragleave", "drop"].forEach(function (ev) {
      drop.addEventListener(ev, function (e) { e.preventDefault(); drop.classList.remove("over"); });
    });
    drop.addEventListener("drop", function (e) { upload(target, e.dataTransfer.files); });
  }
  if (pick) pick.addEventListener("change", function () { upload(target, pick.files); });
  var gen = document.getElementById("generate-all");
  var prog = document.getElementById("progress");
  function show(p) {
    if (prog) prog.textContent = p.running ? ("生成中 " + p.done + "/" + p.total + " " + p.current) : ("完成 " + p.done + "/" + p.total + (p.failed ? "，失败 " + p.failed : ""));
    if (!p.running && p.total) setTimeout(function () { location.reload(); }, 800);
  }
  // Fallback: poll /progress every half second.
  function poll() {
    fetch("/progress", { credentials: "same-origin" }).then(function (r) { return r.json(); }).then(function (p) {
      show(p);
      if (p.running) setTimeout(poll, 500);
    });
  }
  // Live: server-sent events from /progress/stream; polling where EventSource is missing or
  // the stream breaks before the end.
  function follow() {
    if (!window.EventSource) return poll();
    var es = new EventSource("/progress/stream");
    var ended = false;
    es.addEventListener("progress", function (e) {
      var p = JSON.parse(e.data);
      show(p);
      if (!p.running) { ended = true; es.close(); }
    });
    es.onerror = function () { es.close(); if (!ended) poll(); };
  }
  if (gen) gen.addEventListener("click", function () {
    gen.disabled = true;
    fetch("/generate", { method: "POST", headers: { "x-csrf-token": csrf }, credentials: "same-origin" }).then(follow);
  });
  document.querySelectorAll("input.link").forEach(function (i) {
    i.addEventListener("focus", function () { i.value = location.origin + i.getAttribute("value"); i.select(); });
  });
})();
