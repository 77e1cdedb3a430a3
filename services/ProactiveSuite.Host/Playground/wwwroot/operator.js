// The right half: whom to reach, the notification and survey forms. What they start is followed in operations.js.
import { operatorApi } from './api.js';
import { Operations } from './operations.js';

const $ = (id) => document.getElementById(id);
const newId = (prefix) => `${prefix}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

const exampleQuestions = [
  { text: 'How was lunch?', type: 'choice', choices: 'Great, OK, Bad' },
  { text: 'Anything to add?', type: 'freeText', choices: '' },
];

export class Operator {
  #settings;
  #api;
  #operations;
  #chosen = new Set();
  #chosenConversations = new Set();
  #conversationsShown = '';

  constructor(settings) {
    this.#settings = settings;
    $('operator-key').value = settings.operatorKey ?? '';
    this.#api = operatorApi(() => settings.operatorKeyHeader, () => $('operator-key').value.trim());
    this.#operations = new Operations(this.#api);
    exampleQuestions.forEach((q) => this.#addQuestion(q));
    $('add-question').addEventListener('click', () => this.#addQuestion({ text: '', type: 'freeText', choices: '' }));
    $('notification-form').addEventListener('submit', (e) => { e.preventDefault(); this.#run(() => this.#sendNotification()); });
    $('survey-form').addEventListener('submit', (e) => { e.preventDefault(); this.#run(() => this.#startSurvey()); });
  }

  /** Redraws the recipient checkboxes; a user chosen in the chat is a recipient unless someone else already is. */
  showUsers(users, selected) {
    if (selected && this.#chosen.size === 0) this.#chosen.add(selected);
    const boxes = [...users].map(([id, name]) => {
      const label = document.createElement('label');
      label.className = 'inline';
      const box = document.createElement('input');
      box.type = 'checkbox';
      box.id = box.dataset.testid = `recipient-${id}`;
      box.checked = this.#chosen.has(id);
      box.addEventListener('change', () => (box.checked ? this.#chosen.add(id) : this.#chosen.delete(id)));
      label.append(box, ` ${name}`);
      return label;
    });
    if (boxes.length) $('recipients').replaceChildren(...boxes);
  }

  /** Redraws the group chats and channels the Registry holds as recipients; a failed read leaves them as they were. */
  async showConversations() {
    let page;
    try {
      page = await this.#api.groupConversations(this.#settings.channelId);
    } catch {
      return; // no key yet, or a wrong one: the operator forms say so when used
    }
    const stored = (page?.items ?? []).map((c) => c.address.conversation);
    const signature = stored.map((c) => c.id).join('|');
    if (signature === this.#conversationsShown) return;
    this.#conversationsShown = signature;
    const ids = new Set(stored.map((c) => c.id));
    [...this.#chosenConversations].filter((id) => !ids.has(id)).forEach((id) => this.#chosenConversations.delete(id));
    const boxes = stored.map((c) => {
      const label = document.createElement('label');
      label.className = 'inline';
      const box = document.createElement('input');
      box.type = 'checkbox';
      box.dataset.testid = 'recipient-conversation';
      box.dataset.conversation = c.id;
      box.checked = this.#chosenConversations.has(c.id);
      box.addEventListener('change', () => (box.checked ? this.#chosenConversations.add(c.id) : this.#chosenConversations.delete(c.id)));
      label.append(box, ` ${c.name ?? c.id} (${c.teamName ? `${c.teamName} ` : ''}${c.conversationType ?? 'group'})`);
      return label;
    });
    if (boxes.length) $('conversation-recipients').replaceChildren(...boxes);
    else $('conversation-recipients').innerHTML = '<span class="hint">No group chat or channel stored yet: add the bot to one.</span>';
  }

  #recipients() {
    const recipients = [...this.#chosen].map((userId) => ({ channelId: this.#settings.channelId, userId }))
      .concat([...this.#chosenConversations].map((conversationId) => ({ channelId: this.#settings.channelId, conversationId })));
    if (!recipients.length) throw new Error('Choose at least one recipient.');
    return recipients;
  }

  async #sendNotification() {
    const recipients = this.#recipients();
    const text = $('notification-text').value.trim();
    const createConversationIfMissing = $('create-conversation').checked;
    const notificationId = newId('note');
    // One recipient is a notification; several are a broadcast to that list, with counts for all of them.
    await (recipients.length === 1
      ? this.#api.sendNotification({ notificationId, recipient: recipients[0], text, createConversationIfMissing })
      : this.#api.sendBroadcast({ notificationId, audience: { recipients }, text, createConversationIfMissing }));
    this.#operations.followNotification(notificationId, text, recipients, (message) => this.#showError(message));
  }

  async #startSurvey() {
    const recipients = this.#recipients();
    const title = $('survey-title').value.trim();
    const questions = [...document.querySelectorAll('#survey-questions .question')].map((row, i) => {
      const type = row.querySelector('.question-type').value;
      const question = { id: `q${i + 1}`, text: row.querySelector('.question-text').value.trim(), type };
      if (type === 'choice') {
        question.choices = row.querySelector('.question-choices').value.split(',').map((c) => c.trim()).filter(Boolean);
      }
      return question;
    });
    // One survey id for every recipient: the results are counted together.
    const surveyId = newId('survey');
    for (const recipient of recipients) {
      await this.#api.startSurvey({ surveyId, recipient, title, questions });
    }
    this.#operations.followSurvey(surveyId, title, recipients);
  }

  #addQuestion({ text, type, choices }) {
    const row = $('question-template').content.firstElementChild.cloneNode(true);
    row.querySelector('.question-text').value = text;
    row.querySelector('.question-type').value = type;
    const choicesBox = row.querySelector('.question-choices');
    choicesBox.value = choices;
    const showChoices = () => { choicesBox.hidden = row.querySelector('.question-type').value !== 'choice'; };
    row.querySelector('.question-type').addEventListener('change', showChoices);
    row.querySelector('.remove-question').addEventListener('click', () => row.remove());
    showChoices();
    $('survey-questions').append(row);
  }

  async #run(action) {
    $('operator-error').hidden = true;
    try {
      await action();
    } catch (e) {
      this.#showError(e.message);
    }
  }

  #showError(message) {
    const error = $('operator-error');
    error.textContent = message;
    error.hidden = false;
  }
}
