// Wires the page: the Host's settings prefill the operator panel, then the emulator's transcript is polled.
import { emulator } from './api.js';
import { Chat } from './chat.js';
import { Groups } from './groups.js';
import { Operator } from './operator.js';

const POLL_MS = 700;
const $ = (id) => document.getElementById(id);

const settings = await emulator.settings().catch((error) => {
  $('operator-error').textContent = `${error.message}: type the operator key yourself.`;
  $('operator-error').hidden = false;
  return { operatorKeyHeader: 'X-Api-Key', operatorKey: '', channelId: 'emulator' };
});
const operator = new Operator(settings);
const chat = new Chat(() => operator.showUsers(chat.users, chat.selected));
const groups = new Groups();

for (;;) {
  try {
    const [conversations, known] = await Promise.all([emulator.conversations(), emulator.groups()]);
    groups.update(known, conversations);
    const inGroups = groups.ids();
    chat.update(conversations.filter((c) => !inGroups.has(c.id)));
    await operator.showConversations();
    document.body.dataset.connected = 'true';
  } catch (error) {
    document.body.dataset.connected = 'false';
    $('conversation-info').textContent = `The Host does not answer (${error.message}); is it running?`;
  }
  await new Promise((resolve) => setTimeout(resolve, POLL_MS));
}
