// The dashboard page: hash routes for fleets, one fleet, one cell, the paper view and emulated channels.
// Live views subscribe to one server-sent-event stream each; the server sends one batched message per interval.
"use strict";
const $ = (sel, root = document) => root.querySelector(sel);
const view = $("#view");
const fmt = (v, d = 3) => (typeof v === "number" && isFinite(v) ? v.toFixed(d) : "–");
const esc = s => String(s ?? "").replace(/[&<>"]/g, c => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);
const duration = s => s < 120 ? `${fmt(s, 1)} s` : s < 7200 ? `${fmt(s / 60, 1)} min` : s < 172800 ? `${fmt(s / 3600, 2)} h` : `${fmt(s / 86400, 2)} d`;
let stream = null;
const scaleText = f => f.stopped ? "stopped" : f.paused ? "paused" : f.scale > 0 ? `${f.scale}× wall clock` : "accelerated";

function subscribe(topic, onMessage) {
  if (stream) stream.close();
  // The stream index.html opened for this page while the scripts loaded, with the messages it already got.
  const early = window.earlyStream;
  window.earlyStream = null;
  const adopted = early && early.topic === topic;
  if (early && !adopted) early.source.close();
  stream = adopted ? early.source : new EventSource(`/dashboard/stream/${topic}`);
  const status = $("#connection");
  if (adopted && stream.readyState === EventSource.OPEN) status.textContent = `live: ${topic}`;
  stream.onopen = () => status.textContent = `live: ${topic}`;
  stream.onerror = () => status.textContent = "reconnecting…";
  const update = e => {
    const body = document.body;
    body.dataset.updates = String(+body.dataset.updates + 1);
    onMessage(JSON.parse(e.data));
    if (body.dataset.updates === "1" && new URLSearchParams(location.search).has("bench")) reportTiming(topic);
  };
  stream.addEventListener("update", update);
  if (adopted) {
    stream.removeEventListener("update", early.listener);
    if (early.messages.length) update(early.messages[early.messages.length - 1]); // only the latest matters
  }
}

// `dapcu bench --dashboard` opens the page with ?bench: once the first live value is drawn, report how long it took.
function reportTiming(page) {
  requestAnimationFrame(() => {
    const firstValue_ms = performance.now();
    const nav = performance.getEntriesByType("navigation")[0];
    const send = () => navigator.sendBeacon("/dashboard/api/timing", new Blob([JSON.stringify(
      { page, load_ms: nav ? nav.loadEventEnd : -1, firstValue_ms })], { type: "application/json" }));
    nav && nav.loadEventEnd > 0 ? send() : addEventListener("load", () => setTimeout(send), { once: true });
  });
}

// Calls that change something carry the API token when the server asks for one (Serve:ApiToken off loopback).
async function api(method, path, body) {
  const headers = { "content-type": "application/json" };
  const token = localStorage.getItem("dapcu-token");
  if (token) headers.authorization = `Bearer ${token}`;
  const r = await fetch(path, { method, headers, body: body && JSON.stringify(body) });
  const text = await r.text();
  const data = text ? JSON.parse(text) : null;
  if (!r.ok) throw new Error(data?.error || data || r.statusText);
  return data;
}

function showError(el, e) { el.textContent = e.message || String(e); }

// ---- fleets: list, start form --------------------------------------------------------------------------
async function fleetsPage() {
  view.innerHTML = `
    <section class="wide"><h2>Live fleets</h2><table id="fleets"><thead><tr><th>fleet</th><th>cells</th><th>states</th>
      <th>simulated time</th><th>scale</th><th>shorts</th></tr></thead><tbody></tbody></table></section>
    <section><h2>Start a fleet</h2>
      <p><label>shipped scenario <select id="scenario"></select></label></p>
      <p><label>or upload a scenario file <input type="file" id="upload" accept=".yaml,.yml"></label></p>
      <p><label>time scale <input id="start-scale" type="number" value="1000" min="1" max="100000"></label>
      <button id="start">Start fleet</button></p><p id="start-error" class="error"></p></section>`;
  const scenarios = await api("GET", "/dashboard/api/scenarios");
  $("#scenario").innerHTML = scenarios.map(s => `<option value="${esc(s.file)}">${esc(s.name)} (${esc(s.file)})</option>`).join("");
  $("#start").onclick = async () => {
    try {
      const file = $("#upload").files[0];
      const scale = +$("#start-scale").value || undefined;
      const shipped = $("#scenario").value;
      const yaml = file ? await file.text() : await fetch(`/dashboard/api/scenarios/${shipped}`).then(r => r.ok ? r.text() : Promise.reject(new Error(`no shipped scenario ${shipped}`)));
      // The server's fleet API starts it (wall clock at this scale).
      const { id } = await api("POST", "/api/fleets", { scenarioYaml: yaml, sourceName: file ? file.name : `scenarios/${shipped}`, scale });
      location.hash = `#/fleet/${encodeURIComponent(id)}`;
    } catch (e) { showError($("#start-error"), e); }
  };
  subscribe("fleets", m => {
    $("#fleets tbody").innerHTML = m.fleets.map(f => `<tr data-fleet="${esc(f.id)}">
      <td><a href="#/fleet/${encodeURIComponent(f.id)}">${esc(f.name)}</a> <span class="muted">${esc(f.id)}</span></td>
      <td>${f.cells}</td><td>${Object.entries(f.states).map(([k, v]) => `${esc(k)} ${v}`).join(", ")}</td>
      <td>${duration(f.simulatedTime_s)}</td><td>${scaleText(f)}</td><td>${f.flags.shorted ?? 0}</td></tr>`).join("")
      || `<tr><td colspan="6" class="muted">no live fleet yet: start one</td></tr>`;
  });
}

// ---- one fleet ------------------------------------------------------------------------------------------
function fleetPage(id) {
  view.innerHTML = `
    <section class="wide"><h2 id="fleet-name">fleet ${esc(id)}</h2>
      <span class="clock" id="fleet-clock">–</span> simulated, <span id="fleet-scale">–</span>, <span id="fleet-cycles">–</span> cycles done
      <button id="pause">Pause</button><button id="resume">Resume</button>
      <label>scale <input id="scale" type="number" min="1" max="100000" value="1000"></label><button id="set-scale">Set</button>
      <button id="stop">Stop</button> <span id="control-error" class="error"></span>
      <table id="census"><tbody></tbody></table></section>
    <section><div id="ch-capacity"></div></section>
    <section><div id="ch-ce"></div></section>
    <section><div id="ch-overpotential"></div></section>
    <section><div id="ch-shorts"></div><h2>Cells</h2><div id="outliers" class="muted">none yet</div>
      <p><label>open cell <input id="cell-index" type="number" min="0" value="0"></label><button id="open-cell">Open</button></p></section>`;
  const fleetApi = `/api/fleets/${encodeURIComponent(id)}`;
  const control = (method, path, body) => api(method, path, body)
    .then(() => $("#control-error").textContent = "").catch(e => showError($("#control-error"), e));
  $("#pause").onclick = () => control("POST", `${fleetApi}/pause`);
  $("#resume").onclick = () => control("POST", `${fleetApi}/resume`);
  $("#stop").onclick = () => control("DELETE", fleetApi);
  $("#set-scale").onclick = () => control("POST", `${fleetApi}/scale`, { clock: "wall", scale: +$("#scale").value });
  $("#open-cell").onclick = () => location.hash = `#/cell/${encodeURIComponent(id)}/${+$("#cell-index").value}`;
  const capacity = Charts.bands($("#ch-capacity"), "discharge capacity over cycles", "mAh/cm²");
  const ce = Charts.bands($("#ch-ce"), "Coulombic efficiency over cycles", "CE");
  const eta = Charts.bands($("#ch-overpotential"), "mean overpotential over cycles", "mV");
  const shorts = Charts.line($("#ch-shorts"), "shorts over simulated time", "time (h)", "shorted cells");
  subscribe(`fleet/${encodeURIComponent(id)}`, m => {
    if (!m || m.error) { $("#fleet-name").textContent = m?.error || `no fleet ${id}`; return; }
    const f = m.fleet;
    $("#fleet-name").textContent = `${f.name} (${f.cells} cells)`;
    $("#fleet-clock").textContent = duration(f.simulatedTime_s);
    $("#fleet-clock").dataset.seconds = f.simulatedTime_s;
    $("#fleet-scale").textContent = scaleText(f);
    $("#fleet-cycles").textContent = f.completedCycles;
    const total = Math.max(1, f.cells);
    $("#census tbody").innerHTML = Object.entries({ ...f.states, ...f.flags }).map(([k, v]) =>
      `<tr><td>${esc(k)}</td><td data-state="${esc(k)}">${v}</td><td style="width:60%"><span class="bar" style="width:${100 * v / total}%"></span></td></tr>`).join("");
    capacity.set(m.capacity_mAh_cm2); ce.set(m.coulombicEfficiency); eta.set(m.overpotential_mV);
    shorts.set(m.shorts.time_s.map(t => t / 3600), [{ label: "shorts", values: m.shorts.shorts }]);
    $("#outliers").innerHTML = m.outliers.length ? m.outliers.map(i =>
      `<a class="cell-link" href="#/cell/${encodeURIComponent(id)}/${i}">cell ${i}</a>`).join(" ")
      : `<a class="cell-link" href="#/cell/${encodeURIComponent(id)}/0">cell 0</a>`;
  });
}

// ---- one cell -------------------------------------------------------------------------------------------
function cellPage(fleet, index) {
  view.innerHTML = `
    <section class="wide"><h2 id="cell-title">cell ${index} of ${esc(fleet)}</h2>
      state <b id="cell-state">–</b>, <span id="cell-voltage">–</span> V, <span id="cell-current">–</span> mA/cm² at
      <span id="cell-time">–</span> <a href="#/fleet/${encodeURIComponent(fleet)}">back to fleet</a></section>
    <section><div id="ch-vi"></div></section>
    <section><div id="ch-inventory"></div></section>
    <section><h2>Cycles</h2><div class="scroll"><table id="cycles"><thead><tr><th>cycle</th><th>charge</th><th>discharge</th>
      <th>CE</th><th>η mean (mV)</th></tr></thead><tbody></tbody></table></div></section>
    <section><h2>Events</h2><div class="scroll"><table id="events"><tbody></tbody></table></div></section>`;
  const vi = Charts.line($("#ch-vi"), "voltage and current (recent)", "time (h)", "V");
  const inv = Charts.line($("#ch-inventory"), "Li inventory over cycles", "cycle", "mAh/cm²");
  subscribe(`cell/${encodeURIComponent(fleet)}/${index}`, c => {
    if (!c || c.error) { $("#cell-title").textContent = c?.error || `no cell ${index} in ${fleet}`; return; }
    $("#cell-state").textContent = c.state;
    $("#cell-voltage").textContent = fmt(c.voltage_V, 4);
    $("#cell-current").textContent = fmt(c.current_mA_cm2, 3);
    $("#cell-time").textContent = duration(c.time_s);
    vi.set(c.recentTime_s.map(t => t / 3600), [{ label: "voltage (V)", values: c.recentVoltage_V }, { label: "current (mA/cm²)", values: c.recentCurrent_mA_cm2, scale: "mA/cm²" }]);
    const cy = c.cycles;
    inv.set(cy.map(r => r.cycle), [
      { label: "active", values: cy.map(r => r.activeLi_mAh_cm2) }, { label: "dead", values: cy.map(r => r.deadLi_mAh_cm2) },
      { label: "SEI", values: cy.map(r => r.sei_mAh_cm2) }, { label: "cathode", values: cy.map(r => r.cathode_mAh_cm2) }]);
    $("#cycles tbody").innerHTML = cy.slice(-200).reverse().map(r => `<tr><td>${r.cycle}</td><td>${fmt(r.charge_mAh_cm2)}</td>
      <td>${fmt(r.discharge_mAh_cm2)}</td><td>${fmt(r.coulombicEfficiency, 4)}</td><td>${fmt(r.meanOverpotential_mV, 1)}</td></tr>`).join("");
    $("#events tbody").innerHTML = c.events.slice(-200).reverse().map(e =>
      `<tr><td>${duration(e.time_s)}</td><td>cycle ${e.cycle}</td><td>${esc(e.kind)}</td><td>${esc(e.detail)}</td></tr>`).join("");
  });
}

// ---- paper view -----------------------------------------------------------------------------------------
async function paperPage() {
  if (stream) { stream.close(); stream = null; }
  view.innerHTML = `
    <section class="wide"><h2>Paper scenarios</h2><select id="paper"></select> <button id="run-paper">Run</button>
      <span id="paper-status" class="muted"></span></section>
    <section><div id="ch-paper-ce"></div></section>
    <section><div id="ch-paper-capacity"></div></section>
    <section><div id="ch-paper-eta"></div></section>
    <section class="wide"><h2>Paper targets</h2><table id="targets"><thead><tr><th>row</th><th>what</th><th>paper</th><th>band</th>
      <th>twin</th><th></th></tr></thead><tbody></tbody></table></section>`;
  const list = await api("GET", "/dashboard/api/paper");
  $("#paper").innerHTML = list.map(p => `<option value="${esc(p.file)}">${esc(p.name)}: ${esc(p.description || p.error || "")}</option>`).join("");
  $("#run-paper").onclick = async () => {
    $("#paper-status").textContent = "running on the grains…";
    try { drawPaper(await api("POST", `/dashboard/api/paper/${encodeURIComponent($("#paper").value)}/run`)); $("#paper-status").textContent = "done"; }
    catch (e) { showError($("#paper-status"), e); }
  };
}

function drawPaper(run) {
  // A band target goes on the chart whose quantity its metric names; others are in the table only.
  const chartOf = m => /overpotential/.test(m) ? "eta" : /ce$|_ce|ce_/.test(m) ? "ce" : /capacity|retention/.test(m) ? "capacity" : null;
  const targets = kind => run.targets.filter(t => chartOf(t.metric) === kind && (t.min != null || t.max != null) && !/std|ratio|retention/.test(t.metric))
    .map(t => ({ min: t.min, max: t.max, passed: t.passed, label: `${t.id} ${t.cell || ""}` }));
  const longest = run.curves.reduce((a, c) => c.cycle.length > a.length ? c.cycle : a, []);
  const pad = (c, values) => longest.map(n => { const i = c.cycle.indexOf(n); return i < 0 ? null : values[i]; });
  for (const [kind, el, title, unit, pick] of [
    ["ce", "#ch-paper-ce", "Coulombic efficiency", "CE", c => c.coulombicEfficiency],
    ["capacity", "#ch-paper-capacity", "discharge capacity", "mAh/cm²", c => c.discharge_mAh_cm2],
    ["eta", "#ch-paper-eta", "overpotential (mean, max)", "mV", c => c.meanOverpotential_mV]]) {
    $(el).innerHTML = "";
    const chart = Charts.line($(el), `${run.scenario}: ${title}`, "cycle", unit, { targets: targets(kind) });
    const series = run.curves.map(c => ({ label: c.cell, values: pad(c, pick(c)) }));
    if (kind === "eta") run.curves.forEach(c => series.push({ label: `${c.cell} max`, values: pad(c, c.maxOverpotential_mV), dash: [4, 4] }));
    chart.set(longest, series);
  }
  $("#targets tbody").innerHTML = run.targets.map(t => `<tr data-target="${esc(t.id)}"><td>${esc(t.id)}</td><td>${esc(t.description)}</td>
    <td>${esc(t.paper)}</td><td>${esc(t.band)}</td><td>${fmt(t.value, 4)}</td>
    <td class="${t.passed ? "pass" : "fail"}">${t.passed ? "in band" : "MISS"}</td></tr>`).join("");
}

// ---- emulated channels ----------------------------------------------------------------------------------
function channelsPage() {
  view.innerHTML = `<section class="wide"><h2>Emulated channels</h2><div id="channels-note" class="muted"></div>
    <table id="channels"><thead><tr><th>channel</th><th>dialect</th><th>V</th><th>mA</th><th>fault</th><th>last commands</th>
    <th>fault to inject</th></tr></thead><tbody></tbody></table><p id="fault-error" class="error"></p></section>`;
  $("#channels").onclick = async e => {
    const b = e.target.closest("button"); if (!b) return;
    const name = b.dataset.channel;
    const fault = b.dataset.action === "clear" ? "clear" : $(`input[data-channel="${CSS.escape(name)}"]`).value;
    try { await api("POST", `/dashboard/api/channels/${encodeURIComponent(name)}/fault`, { fault }); $("#fault-error").textContent = ""; }
    catch (err) { showError($("#fault-error"), err); }
  };
  subscribe("channels", m => {
    $("#channels-note").textContent = m.emulatorRunning ? "" : "no emulator runs in this server (start it with: dapcu serve --set Emulator:Channels=8)";
    const tbody = $("#channels tbody");
    const typing = document.activeElement?.matches("#channels input") ? document.activeElement.dataset.channel : null;
    for (const c of m.channels) {
      let row = tbody.querySelector(`tr[data-channel="${CSS.escape(c.name)}"]`);
      if (!row) {
        row = tbody.insertRow(); row.dataset.channel = c.name;
        row.innerHTML = `<td>${esc(c.name)}</td><td>${esc(c.dialect)} :${c.port}</td><td class="v"></td><td class="i"></td><td class="f"></td>
          <td class="cmds" style="text-align:left"></td><td><input data-channel="${esc(c.name)}" value="short" size="14">
          <button data-channel="${esc(c.name)}" data-action="inject">Inject</button><button data-channel="${esc(c.name)}" data-action="clear">Clear</button></td>`;
      }
      $(".v", row).textContent = fmt(c.voltage_V, 4); $(".i", row).textContent = fmt(c.current_mA, 3);
      $(".f", row).textContent = c.fault;
      if (typing !== c.name) $(".cmds", row).innerHTML = c.lastCommands.map(esc).join("<br>");
    }
  });
}

$("#token").value = localStorage.getItem("dapcu-token") || "";
$("#token").onchange = e => e.target.value ? localStorage.setItem("dapcu-token", e.target.value) : localStorage.removeItem("dapcu-token");

function route() {
  const parts = location.hash.replace(/^#\/?/, "").split("/").map(decodeURIComponent);
  if (parts[0] === "fleet" && parts[1]) fleetPage(parts[1]);
  else if (parts[0] === "cell" && parts[2]) cellPage(parts[1], +parts[2]);
  else if (parts[0] === "paper") paperPage();
  else if (parts[0] === "channels") channelsPage();
  else fleetsPage();
}
window.addEventListener("hashchange", route);
route();
