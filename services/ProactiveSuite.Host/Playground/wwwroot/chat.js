// The left half: the user picker, the chosen user's conversation (polled from the emulator) and the message box.
import { emulator } from './api.js';
import { activityItem, transcriptOf, usersIn } from './transcript.js';

const $ = (id) => document.getElementById(id);
const displayName = (id) => id.charAt(0).toUpperCase() + id.slice(1);

export class Chat {
  users = new Map(); // id -> name: seen in the channel or added here
  selected = null;
  #conversations = [];
  #shown = '';
  #onUsersChanged;

  constructor(onUsersChanged) {
    this.#onUsersChanged = onUsersChanged;
    $('user-form').addEventListener('submit', (e) => { e.preventDefault(); this.#addUser(); });
    $('user-picker').addEventListener('change', () => this.select($('user-picker').value));
    $('composer').addEventListener('submit', (e) => { e.preventDefault(); this.#send(); });
    $('read-conversation').addEventListener('click', () => this.#read());
  }

  /** Takes the emulator's current transcript: new users appear in the picker, the chosen user's conversation is redrawn. */
  update(conversations) {
    this.#conversations = conversations;
    let added = false;
    for (const [id, name] of usersIn(conversations)) {
      if (!this.users.has(id)) { this.users.set(id, name); added = true; }
    }
    if (added) this.#renderPicker();
    if (!this.selected && this.users.size > 0) this.select(this.users.keys().next().value);
    this.#renderTranscript();
  }

  select(userId) {
    this.selected = userId;
    $('user-picker').value = userId;
    $('message-text').disabled = $('send-message').disabled = $('read-conversation').disabled = false;
    this.#shown = '';
    this.#renderTranscript();
    this.#onUsersChanged();
  }

  async #addUser() {
    const input = $('new-user-id');
    const id = input.value.trim();
    if (!id || !input.checkValidity()) return;
    input.value = '';
    if (!this.users.has(id)) this.users.set(id, displayName(id));
    this.#renderPicker();
    this.select(id);
    // Joining is what a channel tells the bot when someone opens the chat: the bot greets and stores the address.
    await this.#report(emulator.join(id, this.users.get(id)));
  }

  async #send() {
    const box = $('message-text');
    const text = box.value.trim();
    if (!text || !this.selected) return;
    box.value = '';
    await this.#report(emulator.say(this.selected, this.users.get(this.selected), text, this.#currentConversation()));
  }

  async #read() {
    if (!this.selected) return;
    await this.#report(emulator.read(this.selected, this.#currentConversation()));
  }

  // Where the user last was: the conversation a notification opened, if that is the newest.
  #currentConversation() {
    const transcript = transcriptOf(this.#conversations, this.selected);
    return transcript.length ? transcript[transcript.length - 1].conversationId : undefined;
  }

  async #report(request) {
    try {
      await request;
    } catch (error) {
      $('conversation-info').textContent = error.message;
    }
  }

  #renderPicker() {
    const picker = $('user-picker');
    picker.replaceChildren(...[...this.users].map(([id, name]) => new Option(`${name} (${id})`, id)));
    if (this.selected) picker.value = this.selected;
    this.#onUsersChanged();
  }

  #renderTranscript() {
    if (!this.selected) return;
    const transcript = transcriptOf(this.#conversations, this.selected);
    // Edits and deletes change messages in place: they are part of what is shown.
    const signature = `${this.selected}:${transcript.map((a) => `${a.id}${a.edited ? 'e' : ''}${a.deleted ? 'd' : ''}:${a.text ?? ''}`).join('|')}`;
    if (signature === this.#shown) return;
    this.#shown = signature;

    const list = $('transcript');
    const name = this.users.get(this.selected);
    list.replaceChildren(...transcript.map((a) => activityItem(a, name)));
    list.scrollTop = list.scrollHeight;
    const conversations = new Set(transcript.map((a) => a.conversationId));
    $('conversation-info').textContent = transcript.length
      ? `${name}'s conversation${conversations.size > 1 ? 's' : ''}: ${[...conversations].join(', ')}`
      : `${name} has not written yet: say hello.`;
  }
}
