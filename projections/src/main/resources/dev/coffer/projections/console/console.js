// The Coffer operator console: plain JavaScript over the projections' HTTP API, no build step.
// Signed in with an app id and a server key, both kept in this tab's session storage.
'use strict';

(() => {
  const SESSION = 'coffer.console.session';
  const $ = (selector) => document.querySelector(selector);
  // purchaseLog: each purchase-log entry of the player's purchases by its eventId, with its purchase (the
  // store and transaction a purchase or refund history entry was about).
  const state = { session: null, player: null, nextCursor: null, history: [], purchaseLog: new Map(), stream: null,
    charts: {} };

  // ---- HTTP ---------------------------------------------------------------------------------------

  class Problem extends Error {
    constructor(status, body) {
      super(body && body.detail ? `${body.code || status}: ${body.detail}` : `HTTP ${status}`);
      this.status = status;
      this.code = body && body.code;
    }
  }

  async function api(path, options = {}) {
    const response = await fetch(`/v1/apps/${encodeURIComponent(state.session.appId)}${path}`, {
      ...options,
      headers: { Authorization: `Bearer ${state.session.key}`, Accept: 'application/json', ...(options.headers || {}) },
    });
    const text = await response.text();
    const body = text ? JSON.parse(text) : null;
    if (!response.ok) {
      throw new Problem(response.status, body);
    }
    return body;
  }

  // ---- Rendering helpers --------------------------------------------------------------------------

  function el(tag, attributes = {}, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) {
      if (value === null || value === undefined || value === false) continue;
      if (name === 'class') node.className = value;
      else if (name === 'text') node.textContent = value;
      else if (name.startsWith('data-')) node.setAttribute(name, value);
      else node[name] = value;
    }
    for (const child of children.flat()) {
      if (child !== null && child !== undefined) node.append(child instanceof Node ? child : String(child));
    }
    return node;
  }

  const td = (value, cls) => el('td', { class: cls }, value === null || value === undefined ? '' : value);
  const badge = (value) => el('span', { class: `badge ${value}` }, value);
  const when = (iso) => (iso ? new Date(iso).toISOString().replace('T', ' ').replace(/\.\d+Z$|Z$/, 'Z') : '');
  // Decimal strings as the stores report them ("0.990000"), without the trailing zeros.
  const decimal = (text) => (text && text.includes('.') ? text.replace(/\.?0+$/, '') : text);
  const signed = (n) => el('span', { class: n < 0 ? 'minus' : 'plus' }, n > 0 ? `+${n}` : `${n}`);

  function fill(tableSelector, rows) {
    const body = $(`${tableSelector} tbody`);
    body.replaceChildren(...rows);
    if (rows.length === 0) {
      const columns = $(`${tableSelector} thead tr`).children.length;
      body.append(el('tr', {}, el('td', { colSpan: columns, class: 'hint' }, 'none')));
    }
  }

  function showError(selector, error) {
    $(selector).textContent = error ? error.message : '';
  }

  // ---- Sign-in ------------------------------------------------------------------------------------

  async function signIn(appId, key) {
    state.session = { appId, key };
    try {
      // Any server-key endpoint tells whether the key is good; the outcome mix is the cheapest. It checks
      // the key first, so a 503 (the aggregates off or restoring) still says the key is good.
      await api('/analytics/outcomes?minutes=1');
    } catch (error) {
      if (!(error instanceof Problem) || error.status !== 503) {
        state.session = null;
        throw error;
      }
    }
    sessionStorage.setItem(SESSION, JSON.stringify(state.session));
    $('#session-app').textContent = appId;
    $('#session').hidden = false;
    $('#sign-in-panel').hidden = true;
    $('#console').hidden = false;
  }

  function signOut() {
    stopStream();
    sessionStorage.removeItem(SESSION);
    state.session = null;
    $('#console').hidden = true;
    $('#session').hidden = true;
    $('#sign-in-panel').hidden = false;
    $('#player').hidden = true;
  }

  // ---- Player lookup ------------------------------------------------------------------------------

  async function lookUp(playerId) {
    stopStream();
    state.player = playerId;
    state.history = [];
    state.nextCursor = null;
    showError('#player-error', null);
    const p = `/players/${encodeURIComponent(playerId)}`;
    try {
      const ledger = await api(`${p}/ledger?limit=50`);
      state.history = ledger.entries;
      state.nextCursor = ledger.nextCursor;
      await refreshViews(ledger.version);
    } catch (error) {
      $('#player').hidden = true;
      showError('#player-error', error);
      return;
    }
    $('#player-name').textContent = playerId;
    $('#player').hidden = false;
    renderHistory();
    startStream(playerId);
  }

  async function refreshViews(minVersion) {
    const p = `/players/${encodeURIComponent(state.player)}`;
    const q = minVersion ? `?minVersion=${minVersion}` : '';
    const [wallet, inventory, purchases] = await Promise.all([
      api(`${p}/wallet${q}`), api(`${p}/inventory${q}`), api(`${p}/purchases${q}`)]);
    $('#player-version').textContent = wallet.version;
    renderWallet(wallet.balances);
    renderInventory(inventory.instances);
    renderPurchases(purchases.purchases, purchases.subscriptions);
    state.purchaseLog = new Map(purchases.purchases.flatMap((p) => (p.log || []).map((e) => [e.eventId, { entry: e, purchase: p }])));
    renderHistory();
  }

  /** The newest loaded revocation that left `currency` below zero: what caused its debt. */
  function debtCause(currency) {
    return state.history.find((entry) => entry.eventType === 'PURCHASE_REVOKED'
      && (entry.balances || []).some((b) => b.currency === currency && b.balance < 0));
  }

  function renderWallet(balances) {
    fill('#wallet', balances.map((b) => {
      const cause = b.debt > 0 ? debtCause(b.currency) : null;
      return el('tr', { 'data-currency': b.currency },
        td(b.currency), td(b.balance, `num balance${b.balance < 0 ? ' debt' : ''}`), td(b.debt || '', 'num debt'),
        td(b.debt > 0 ? (cause
          ? el('a', { href: `#entry-${cause.eventId}`, class: 'id' }, `refund ${cause.eventId} (v${cause.version})`)
          : 'a refund older than the loaded history') : ''));
    }));
  }

  function renderInventory(instances) {
    fill('#inventory', instances.map((i) => el('tr', { 'data-instance': i.instanceId },
      td(i.itemId), td(i.quantity, 'num'), td(badge(i.subscriptionStatus || i.status)), td(i.productId),
      td(i.store), td(when(i.acquiredAt)), td(el('span', { class: 'id' }, i.sourceEventId)))));
  }

  /** The store's own transaction id, opened for a server key; else the pseudonym the logs hold. */
  function transactionOf(p) {
    return (p.storeIds && p.storeIds.transactionId) || p.transactionId;
  }

  function renderPurchases(purchases, subscriptions) {
    fill('#purchases', purchases.map((p) => el('tr', { 'data-transaction': transactionOf(p) },
      td(p.store), td(el('span', { class: 'id' }, transactionOf(p))), td(p.productId), td(p.quantity, 'num'),
      td(p.refundedQuantity, 'num'), td([badge(p.status), p.revocationReason ? ` ${p.revocationReason}` : '']),
      td(p.price ? `${decimal(p.price)} ${p.currency || ''}` : ''), td(when(p.purchasedAt)),
      td(el('span', { class: 'id' }, p.sourceEventId)))));
    fill('#subscriptions', subscriptions.map((s) => el('tr', {},
      td(s.store), td(el('span', { class: 'id' }, s.originalTransactionId)), td(s.productId), td(badge(s.status)),
      td(s.entitled ? 'yes' : 'no'), td(when(s.expiresAt)), td(s.autoRenew === null ? '' : String(s.autoRenew)),
      td(s.cancelReason))));
  }

  // The fields every history entry has; anything else an entry carries (reason, sourceRefId, store,
  // decrypted details) is its cause and is shown as it comes.
  const ENTRY_FIELDS = new Set(['version', 'eventId', 'eventType', 'occurredAt', 'migration', 'balances', 'instances', 'live']);

  function causeOf(entry) {
    const items = [];
    const add = (name, value) => {
      if (value === null || value === undefined || value === '') return;
      if (typeof value === 'object') {
        for (const [k, v] of Object.entries(value)) add(`${name}.${k}`, v);
      } else {
        items.push(el('li', { 'data-field': name }, `${name}: `, el('span', { class: 'id' }, String(value))));
      }
    };
    for (const [name, value] of Object.entries(entry)) {
      if (name === 'encryptedDetails') {
        // Sealed under the player's data key: opened server-side (the `cause` a server key's history
        // answer carries), never here.
        if (value) items.push(el('li', { 'data-field': name }, 'personal details sealed (see the export)'));
      } else if (!ENTRY_FIELDS.has(name)) {
        add(name, value);
      }
    }
    for (const move of entry.instances || []) {
      const i = move.instance;
      if (i.store || i.transactionId) {
        add(`${i.itemId} store`, [i.store, i.transactionId].filter(Boolean).join(' '));
      }
    }
    const logged = state.purchaseLog.get(entry.eventId);
    if (logged) {
      const { entry: e, purchase: p } = logged;
      const what = e.entryType === 'REVOCATION' ? `refund of ${e.quantity}` : (e.reinstatement ? 'reinstatement' : 'purchase');
      items.push(el('li', { 'data-field': 'purchase' }, `${what}: `, el('span', { class: 'id' },
        `${p.store} ${transactionOf(p)}`), ` ${p.productId || ''}`, e.revocationReason ? ` (${e.revocationReason})` : '',
      e.price ? ` ${decimal(e.price)} ${e.currency || ''}` : ''));
    }
    if (entry.migration) items.push(el('li', {}, 'from a migration'));
    return items;
  }

  function entryNode(entry, live) {
    const debt = entry.eventType === 'PURCHASE_REVOKED' && (entry.balances || []).some((b) => b.balance < 0);
    const changes = [
      ...(entry.balances || []).map((b) => el('li', {}, signed(b.delta), ` ${b.currency} → ${b.balance}`,
        b.balance < 0 ? el('span', { class: 'debt' }, ' (debt)') : null)),
      ...(entry.instances || []).map((m) => el('li', {}, signed(m.delta), ` ${m.instance.itemId} `,
        badge(m.instance.subscriptionStatus || m.instance.status), ' ',
        el('span', { class: 'id' }, m.instance.instanceId))),
    ];
    const cause = causeOf(entry);
    return el('li', { id: `entry-${entry.eventId}`, class: [live ? 'live' : '', debt ? 'debt-cause' : ''].join(' ').trim(),
      'data-event-id': entry.eventId, 'data-version': entry.version },
      el('div', { class: 'head' }, el('strong', {}, `v${entry.version}`), badge(entry.eventType),
        el('span', {}, when(entry.occurredAt)), el('span', { class: 'id' }, `event ${entry.eventId}`),
        debt ? el('span', { class: 'badge debt-cause' }, 'caused a debt') : null,
        live ? el('span', { class: 'badge QUEUED' }, 'live') : null),
      changes.length ? el('ul', { class: 'changes' }, changes) : null,
      cause.length ? el('ul', { class: 'cause' }, cause) : null);
  }

  function renderHistory() {
    $('#history').replaceChildren(...state.history.map((entry) => entryNode(entry, entry.live)));
    if (state.history.length === 0) $('#history').append(el('li', { class: 'hint' }, 'no changes yet'));
    $('#history-more').hidden = !state.nextCursor;
  }

  async function olderHistory() {
    try {
      const page = await api(`/players/${encodeURIComponent(state.player)}/ledger?limit=50&cursor=${state.nextCursor}`);
      state.history.push(...page.entries);
      state.nextCursor = page.nextCursor;
      renderHistory();
    } catch (error) {
      showError('#player-error', error);
    }
  }

  // ---- Live changes: server-sent events read with fetch (EventSource cannot send Authorization) ----

  function liveStatus(status, text) {
    const node = $('#live-status');
    node.dataset.state = status;
    node.textContent = `live: ${text || status}`;
  }

  function stopStream() {
    if (state.stream) state.stream.abort();
    state.stream = null;
    liveStatus('off');
  }

  function startStream(playerId) {
    const controller = new AbortController();
    state.stream = controller;
    const url = `/v1/apps/${encodeURIComponent(state.session.appId)}/players/${encodeURIComponent(playerId)}/events/stream`;
    const run = async (attempt) => {
      try {
        const response = await fetch(url, { signal: controller.signal,
          headers: { Authorization: `Bearer ${state.session.key}`, Accept: 'text/event-stream' } });
        if (!response.ok) throw new Problem(response.status, await response.json().catch(() => null));
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        const event = newEvent();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value.replace(/\r\n?/g, '\n');
          let end;
          // Line by line: a comment (": subscribed") ends with its own line, an event with a blank one.
          while ((end = buffer.indexOf('\n')) >= 0) {
            streamLine(buffer.slice(0, end), event);
            buffer = buffer.slice(end + 1);
          }
        }
        throw new Error('the stream ended');
      } catch (error) {
        if (controller.signal.aborted) return;
        liveStatus('error', `reconnecting (${error.message})`);
        // Back off, then catch up from the ledger: changes made while disconnected are not replayed.
        setTimeout(() => { if (!controller.signal.aborted) { run(attempt + 1); refresh(); } },
          Math.min(30000, 1000 * 2 ** attempt));
      }
    };
    liveStatus('connecting');
    run(0);
  }

  const newEvent = () => ({ type: 'message', data: [] });

  /** One line of the stream (the server-sent events format): a field, a comment, or the blank line that ends an event. */
  function streamLine(line, event) {
    if (line === '') {
      if (event.data.length) handleEvent(event.type, event.data.join('\n'));
      Object.assign(event, newEvent());
    } else if (line.startsWith(':')) {
      if (line.includes('subscribed')) liveStatus('connected');
    } else {
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'event') event.type = value;
      else if (field === 'data') event.data.push(value);
    }
  }

  function handleEvent(type, data) {
    if (type === 'change') {
      const entry = JSON.parse(data);
      if (!state.history.some((e) => e.eventId === entry.eventId)) {
        entry.live = true;
        state.history.unshift(entry);
        renderHistory();
      }
      refreshViews(entry.version).catch((error) => showError('#player-error', error));
    } else if (type === 'player.deleted') {
      showError('#player-error', new Error('the player was erased'));
    } else if (type === 'error') {
      const problem = JSON.parse(data);
      liveStatus('error', `${problem.code}: ${problem.detail}`);
    }
  }

  async function refresh() {
    if (!state.player) return;
    try {
      const ledger = await api(`/players/${encodeURIComponent(state.player)}/ledger?limit=50`);
      const known = new Set(state.history.map((e) => e.eventId));
      state.history = [...ledger.entries.filter((e) => !known.has(e.eventId)), ...state.history]
        .sort((a, b) => b.version - a.version);
      renderHistory();
      await refreshViews(ledger.version);
    } catch (error) {
      showError('#player-error', error);
    }
  }

  // ---- App view -----------------------------------------------------------------------------------

  const COLORS = ['#2563eb', '#dc2626', '#16a34a', '#d97706', '#7c3aed', '#0891b2', '#db2777', '#65a30d'];

  function chart(name, canvas, config) {
    if (!window.Chart) return;
    if (state.charts[name]) state.charts[name].destroy();
    state.charts[name] = new window.Chart(canvas, config);
  }

  async function loadApp() {
    showError('#app-error', null);
    const days = Number($('#revenue-days').value) || 30;
    const to = new Date();
    const from = new Date(to.getTime() - (days - 1) * 86400000);
    const day = (d) => d.toISOString().slice(0, 10);
    const results = await Promise.allSettled([
      api(`/analytics/revenue?from=${day(from)}&to=${day(to)}`).then(renderRevenue),
      api(`/analytics/outcomes?minutes=${Number($('#outcome-minutes').value) || 60}`).then(renderOutcomes),
      api('/webhooks/dead-letters?limit=100').then(renderWebhookDeadLetters),
      api('/ledger/dead-letters?limit=100').then(renderLedgerDeadLetters)]);
    const failed = results.filter((r) => r.status === 'rejected').map((r) => r.reason.message);
    if (failed.length) $('#app-error').textContent = failed.join(' · ');
  }

  function renderRevenue(answer) {
    const days = [];
    for (let d = new Date(`${answer.from}T00:00:00Z`); d <= new Date(`${answer.to}T00:00:00Z`); d = new Date(d.getTime() + 86400000)) {
      days.push(d.toISOString().slice(0, 10));
    }
    // Per store and currency, what was bought each day (up) and what was refunded (down), stacked by currency.
    const series = new Map();
    const add = (name, stack, day, amount) => {
      if (!series.has(name)) series.set(name, { stack, data: new Array(days.length).fill(0) });
      series.get(name).data[days.indexOf(day)] += amount;
    };
    for (const row of answer.days.filter((r) => r.currency)) {
      add(`${row.store} ${row.currency}`, row.currency, row.day, Number(row.gross) + Number(row.reinstated));
      if (Number(row.refunded) > 0) add(`${row.store} ${row.currency} refunds`, row.currency, row.day, -Number(row.refunded));
    }
    chart('revenue', $('#revenue-chart'), {
      type: 'bar',
      data: { labels: days, datasets: [...series.entries()].map(([label, s], i) => ({ label, data: s.data,
        backgroundColor: COLORS[i % COLORS.length], stack: s.stack })) },
      options: { animation: false, scales: { x: { stacked: true }, y: { stacked: true } } },
    });
    fill('#revenue-totals', answer.totals.map((t) => el('tr', { 'data-currency': t.currency || '' },
      td(t.currency || '(no price)'), td(t.purchases, 'num'), td(t.gross, 'num'), td(t.refunds, 'num'),
      td(t.refunded, 'num'), td(t.reinstated, 'num'), td(t.net, 'num'))));
    fill('#revenue-days-table', answer.days.map((r) => el('tr', {}, td(r.day), td(r.store), td(r.currency || '(no price)'),
      td(r.purchases, 'num'), td(r.gross, 'num'), td(r.refunds, 'num'), td(r.refunded, 'num'), td(r.net, 'num'))));
  }

  function renderOutcomes(answer) {
    const minutes = [];
    for (let m = new Date(answer.from); m <= new Date(answer.to); m = new Date(m.getTime() + 60000)) minutes.push(m.toISOString());
    const byMinute = new Map(answer.minutes.map((m) => [new Date(m.minute).toISOString(), m]));
    const series = (pick) => minutes.map((m) => (byMinute.has(m) ? pick(byMinute.get(m)) : 0));
    const reasons = Object.keys(answer.rejected);
    chart('outcomes', $('#outcome-chart'), {
      type: 'bar',
      data: { labels: minutes.map((m) => m.slice(11, 16)), datasets: [
        { label: 'applied', data: series((m) => m.applied), backgroundColor: '#16a34a' },
        { label: 'duplicate', data: series((m) => m.duplicate), backgroundColor: '#d97706' },
        ...reasons.map((reason, i) => ({ label: `rejected ${reason}`, data: series((m) => m.reasons[reason] || 0),
          backgroundColor: COLORS[(i + 1) % COLORS.length] })),
      ] },
      options: { animation: false, scales: { x: { stacked: true }, y: { stacked: true, ticks: { precision: 0 } } } },
    });
    fill('#outcome-totals', [
      el('tr', { 'data-outcome': 'APPLIED' }, td(badge('APPLIED')), td(answer.applied, 'num')),
      el('tr', { 'data-outcome': 'DUPLICATE' }, td(badge('DUPLICATE')), td(answer.duplicate, 'num')),
      ...reasons.map((reason) => el('tr', { 'data-outcome': reason }, td([badge('REJECTED'), ` ${reason}`]),
        td(answer.rejected[reason], 'num')))]);
  }

  function renderWebhookDeadLetters(answer) {
    fill('#webhook-dead-letters', answer.deadLetters.map((d) => {
      const button = el('button', { type: 'button', class: 'redrive', 'data-id': d.id,
        // Once re-driven, a dead letter is done: a failed re-drive is parked again as a new one.
        disabled: d.redrive ? true : null }, 'Re-drive');
      button.addEventListener('click', () => redrive(d.id, button));
      return el('tr', { 'data-id': d.id }, td(when(d.parkedAt)), td(el('span', { class: 'id' }, d.id)), td(d.type),
        td(d.attempts, 'num'), td(d.lastError), td(d.redrive ? [badge(d.redrive.state),
          d.redrive.parkedAs ? ` as ${d.redrive.parkedAs}` : ''] : ''), td(button));
    }));
  }

  async function redrive(id, button) {
    button.disabled = true;
    try {
      const answer = await api(`/webhooks/dead-letters/${id}/redrive`, { method: 'POST' });
      button.closest('tr').children[5].replaceChildren(badge(answer.state));
    } catch (error) {
      button.disabled = false;
      showError('#app-error', error);
    }
  }

  function renderLedgerDeadLetters(answer) {
    fill('#ledger-dead-letters', answer.deadLetters.map((d) => el('tr', { 'data-id': d.id },
      td(when(d.parkedAt)), td(el('span', { class: 'id' }, d.id)), td(badge(d.reason || 'UNKNOWN')), td(d.detail),
      td(el('span', { class: 'id' }, d.key)), td(d.source))));
  }

  // ---- Wiring -------------------------------------------------------------------------------------

  function selectTab(name) {
    for (const tab of document.querySelectorAll('.tab')) tab.setAttribute('aria-selected', String(tab.dataset.tab === name));
    $('#player-tab').hidden = name !== 'player';
    $('#app-tab').hidden = name !== 'app';
    if (name === 'app') loadApp();
  }

  document.addEventListener('DOMContentLoaded', () => {
    $('#sign-in-form').addEventListener('submit', async (event) => {
      event.preventDefault();
      showError('#sign-in-error', null);
      try {
        await signIn($('#app-id').value.trim(), $('#server-key').value);
      } catch (error) {
        showError('#sign-in-error', error);
      }
    });
    $('#sign-out').addEventListener('click', signOut);
    $('#lookup-form').addEventListener('submit', (event) => {
      event.preventDefault();
      lookUp($('#player-id').value.trim());
    });
    $('#history-more').addEventListener('click', olderHistory);
    $('#app-refresh').addEventListener('click', loadApp);
    for (const tab of document.querySelectorAll('.tab')) tab.addEventListener('click', () => selectTab(tab.dataset.tab));
    const saved = sessionStorage.getItem(SESSION);
    if (saved) {
      const { appId, key } = JSON.parse(saved);
      signIn(appId, key).catch((error) => showError('#sign-in-error', error));
    }
  });
})();
