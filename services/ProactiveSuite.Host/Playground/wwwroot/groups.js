// The group chats and team channels of the emulated channel: create one, add or remove the bot, follow its
// conversation and post in it as one of its members. The operator panel reaches them once the Registry has them.
import { emulator } from './api.js';
import { activityItem } from './transcript.js';

const $ = (id) => document.getElementById(id);
const kindName = { groupChat: 'group chat', channel: 'channel' };

export const groupLabel = (group) => `${group.name ?? group.conversationId} · ${group.teamName ? `${group.teamName} ` : ''}${kindName[group.kind] ?? group.kind}`;

export class Groups {
  list = [];
  selected = null;
  #shown = '';
  #signature = null; // none rendered yet

  constructor() {
    $('group-form').addEventListener('submit', (e) => { e.preventDefault(); this.#report(this.#create()); });
    $('group-kind').addEventListener('change', () => this.#showMembersField());
    $('group-picker').addEventListener('change', () => this.#select($('group-picker').value));
    $('group-bot').addEventListener('click', () => this.#report(this.#toggleBot()));
    $('group-composer').addEventListener('submit', (e) => { e.preventDefault(); this.#report(this.#post()); });
  }

  /** Takes the emulator's groups and recorded conversations: the picker, the chosen group's state and its conversation. */
  update(groups, conversations) {
    const signature = groups.map((g) => `${g.conversationId}:${g.botPresent}:${g.members.length}`).join('|');
    const changed = signature !== this.#signature;
    this.#signature = signature;
    this.list = groups;
    if (changed) this.#renderChoices();
    if (!this.selected && groups.length) this.#select(groups[0].conversationId);
    this.#renderTranscript(conversations);
  }

  /** The conversation ids of every group: their activities are not a user's one-to-one chat. */
  ids() {
    return new Set(this.list.map((g) => g.conversationId));
  }

  async #create() {
    const kind = $('group-kind').value;
    const name = $('group-name').value.trim() || undefined;
    let group;
    if (kind.startsWith('team:')) {
      // A new channel of a team takes the team's members and tenant.
      group = { kind: 'channel', teamId: kind.slice('team:'.length), name };
    } else {
      const members = $('group-members').value.split(',').map((m) => m.trim()).filter(Boolean).map((id) => ({ id }));
      // A new team comes with its first channel (General), as in Teams: the name is the team's.
      group = kind === 'channel' ? { kind, teamName: name, members } : { kind, name, members };
    }
    const created = await emulator.createGroup(group);
    $('group-name').value = '';
    this.list = [...this.list, created];
    this.#renderChoices();
    this.#select(created.conversationId);
  }

  async #toggleBot() {
    const group = this.#group();
    if (!group) return;
    await (group.botPresent ? emulator.removeBot(group.conversationId) : emulator.addBot(group.conversationId));
  }

  async #post() {
    const group = this.#group();
    const text = $('group-text').value.trim();
    if (!group || !text) return;
    $('group-text').value = '';
    await emulator.postInGroup(group.conversationId, $('group-from').value, text);
  }

  #group() {
    return this.list.find((g) => g.conversationId === this.selected);
  }

  #select(conversationId) {
    this.selected = conversationId;
    this.#shown = '';
    this.#renderChoices();
  }

  #renderChoices() {
    const picker = $('group-picker');
    picker.replaceChildren(...this.list.map((g) => new Option(groupLabel(g), g.conversationId)));
    if (this.selected) picker.value = this.selected;

    // Teams adds channels to a team: each known team is a place for a new channel.
    const teams = new Map(this.list.filter((g) => g.teamId).map((g) => [g.teamId, g.teamName ?? g.teamId]));
    const kind = $('group-kind');
    const chosen = kind.value;
    kind.replaceChildren(new Option('group chat', 'groupChat'), new Option('new team (its first channel)', 'channel'),
      ...[...teams].map(([id, name]) => new Option(`new channel in ${name}`, `team:${id}`)));
    kind.value = [...kind.options].some((o) => o.value === chosen) ? chosen : 'groupChat';
    this.#showMembersField();

    const group = this.#group();
    const enabled = Boolean(group);
    $('group-bot').disabled = $('group-text').disabled = $('group-send').disabled = !enabled;
    $('group-bot').textContent = group?.botPresent ? 'Remove the bot' : 'Add the bot';
    const from = $('group-from');
    const member = from.value;
    from.replaceChildren(...(group?.members ?? []).map((m) => new Option(m.name || m.id, m.id)));
    if (group?.members.some((m) => m.id === member)) from.value = member;
    $('group-info').textContent = group
      ? `${groupLabel(group)}: ${group.members.map((m) => m.name || m.id).join(', ')}; the bot is ${group.botPresent ? 'in it' : 'not in it'}.`
      : 'No group yet: create a group chat or a team.';
  }

  #showMembersField() {
    $('group-members').hidden = $('group-kind').value.startsWith('team:');
  }

  #renderTranscript(conversations) {
    const group = this.#group();
    if (!group) return;
    const activities = conversations.filter((c) => c.id === group.conversationId)
      .flatMap((c) => c.activities.map((a) => ({ ...a, conversationId: c.id })))
      .sort((a, b) => a.receivedAt.localeCompare(b.receivedAt));
    const signature = `${group.conversationId}:${activities.map((a) => a.id).join('|')}`;
    if (signature === this.#shown) return;
    this.#shown = signature;
    const list = $('group-transcript');
    list.replaceChildren(...activities.map((a) => activityItem(a, null)));
    list.scrollTop = list.scrollHeight;
  }

  async #report(request) {
    try {
      await request;
    } catch (error) {
      $('group-info').textContent = error.message;
    }
  }
}
