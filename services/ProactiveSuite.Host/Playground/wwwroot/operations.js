// The operator's status view: one card per notification or survey started from this page, polled until settled
// (a notification's card keeps polling: reads come in later, and it can be edited and recalled from its card).
const $ = (id) => document.getElementById(id);
const POLL_MS = 800;

function card(kind, id, heading, recipients) {
  const item = document.createElement('li');
  item.className = `operation ${kind}`;
  item.dataset.testid = `${kind}-status`;
  item.dataset.id = id;
  item.innerHTML = '<div class="meta"><span class="state" data-testid="state">sent</span> <strong></strong></div>'
    + '<p class="detail" data-testid="detail"></p><small></small>';
  item.querySelector('strong').textContent = heading;
  item.querySelector('small').textContent = `${id} → ${recipients.map((r) => r.userId ?? r.conversationId).join(', ')}`;
  $('operations').prepend(item);
  return item;
}

function show(item, state, detail) {
  item.dataset.state = state;
  const chip = item.querySelector('.state');
  chip.textContent = state;
  chip.className = `state ${state.replace(/\s+/g, '-')}`;
  item.querySelector('.detail').textContent = detail;
}

function notificationState(status, expected) {
  if (!status) return ['accepted', 'on its way to the Dispatcher'];
  const total = status.total ?? expected;
  const failures = Object.entries(status.failedByReason ?? {}).map(([reason, n]) => `${reason} ${n}`).join(', ');
  const detail = `delivered ${status.delivered} · failed ${status.failed}${failures ? ` (${failures})` : ''}`
    + ` · throttled ${status.throttled} · pending ${Math.max(0, total - status.delivered - status.failed - status.cancelled)}`
    + ` · read ${status.read ?? 0}${status.recallRequested ? ` · recalled ${status.recalled}` : ''}`
    + `${status.editRequestedAt ? ` · edited ${status.edited}` : ''}${status.cancelled ? ` · cancelled ${status.cancelled}` : ''}`;
  if (status.recallRequested) return [status.finishedAt && status.copiesChanging === 0 ? 'recalled' : 'recalling', detail];
  if (status.delivered + status.failed + status.cancelled < total) return ['pending', detail];
  if (status.editRequestedAt) return [status.copiesChanging === 0 ? 'edited' : 'editing', detail];
  if (status.failed === 0) return ['delivered', detail];
  return [status.delivered > 0 ? 'partly failed' : 'failed', detail];
}

function surveyState(results, expected) {
  if (!results) return ['accepted', 'on its way to the Dispatcher'];
  const r = results.respondents;
  const answers = results.questions.map((q) => `${q.text} ${q.choices
    ? q.choices.map((c) => `${c.choice}: ${c.count}`).join(', ')
    : (q.answers ?? []).map((a) => `“${a}”`).join(', ') || '–'}`);
  const reasons = results.responses.filter((x) => x.reason).map((x) => `${x.userId}: ${x.reason}`);
  const detail = [`in progress ${r.inProgress} · completed ${r.completed} · ended early ${r.endedEarly} · expired ${r.expired} · failed ${r.failed}`,
    ...answers, ...reasons].join('\n');
  if (r.total < expected || r.inProgress > 0) return ['in progress', detail];
  return [r.failed === r.total ? 'failed' : 'completed', detail];
}

const settled = (state) => !['accepted', 'pending', 'in progress'].includes(state);

export class Operations {
  #api;

  constructor(api) {
    this.#api = api;
  }

  /** @param onError shows a refused edit or recall (e.g. an edit after a recall) where the page shows errors. */
  followNotification(id, text, recipients, onError) {
    const item = card('notification', id, `Notification “${text}”`, recipients);
    item.append(this.#changes(id, text, onError));
    this.#poll(item, () => this.#api.notificationStatus(id), (s) => notificationState(s, recipients.length), () => false);
  }

  followSurvey(id, title, recipients) {
    const item = card('survey', id, `Survey “${title}”`, recipients);
    this.#poll(item, () => this.#api.surveyResults(id), (r) => surveyState(r, recipients.length));
  }

  #changes(id, text, onError) {
    const row = document.createElement('div');
    row.className = 'row changes';
    row.innerHTML = '<input data-testid="edit-text" aria-label="new text"><button type="button" data-testid="edit">Edit</button>'
      + '<button type="button" data-testid="recall">Recall</button>';
    row.querySelector('input').value = text;
    const act = (action) => action().catch((error) => onError(error.message));
    row.querySelector('[data-testid="edit"]').addEventListener('click', () => act(() => this.#api.edit(id, row.querySelector('input').value.trim())));
    row.querySelector('[data-testid="recall"]').addEventListener('click', () => act(() => this.#api.recall(id)));
    return row;
  }

  async #poll(item, read, interpret, done = settled) {
    for (;;) {
      try {
        const [state, detail] = interpret(await read());
        show(item, state, detail);
        if (done(state)) return;
      } catch (error) {
        show(item, 'error', error.message);
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }
}
