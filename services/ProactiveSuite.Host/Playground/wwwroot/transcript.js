// Reads the emulator's recorded conversations as people see them: who is in the channel, and one user's
// conversation with the bot, each bot message marked as an answer to the user or as the bot speaking first.

const involves = (activity, userId) =>
  activity.direction === 'fromUser' ? activity.from?.id === userId : activity.recipient?.id === userId;

/** Every user seen in the channel, id -> display name. */
export function usersIn(conversations) {
  const users = new Map();
  for (const activity of conversations.flatMap((c) => c.activities)) {
    const account = activity.direction === 'fromUser' ? activity.from : activity.recipient;
    if (account?.id && account.role !== 'bot') users.set(account.id, account.name || account.id);
  }
  return users;
}

/**
 * The user's activities across all their conversations (a notification may have opened a new one), oldest first,
 * as the user sees them: a message the bot replaced shows its new content (edited), one it deleted shows as deleted.
 */
export function transcriptOf(conversations, userId) {
  const recorded = conversations
    .filter((c) => c.activities.some((a) => involves(a, userId)))
    .flatMap((c) => c.activities.map((a) => ({ ...a, conversationId: c.id })))
    .sort((a, b) => a.receivedAt.localeCompare(b.receivedAt));
  const shown = [];
  const sent = new Map();
  for (const activity of recorded) {
    const key = `${activity.conversationId}|${activity.id}`;
    const original = sent.get(key);
    if (activity.operation === 'updateActivity') {
      if (original) Object.assign(original, { text: activity.text, attachments: activity.attachments, edited: true });
    } else if (activity.operation === 'deleteActivity') {
      if (original) original.deleted = true;
    } else {
      shown.push(activity);
      if (activity.direction === 'toUser') sent.set(key, activity);
    }
  }
  return shown;
}

/**
 * user: the person wrote; reply: the bot answered a message; proactive: the bot spoke first (a notification, a
 * survey's opening question, a new conversation); event: anything else a user's client sent (joining).
 */
export function kindOf(activity) {
  if (activity.direction === 'fromUser') return activity.type === 'message' ? 'user' : 'event';
  return activity.operation === 'replyToActivity' ? 'reply' : 'proactive';
}

const READ_RECEIPT = 'application/vnd.microsoft.readReceipt';

function describe(activity, userName) {
  if (activity.deleted) return 'This message was deleted.';
  if (activity.type === 'message') return activity.text ?? '(a message without text)';
  if (activity.name === READ_RECEIPT) return `${userName ?? activity.from?.name} read the conversation`;
  if (activity.membersAdded?.length) return `${activity.membersAdded.map((m) => m.name || m.id).join(' and ')} joined`;
  if (activity.membersRemoved?.length) return `${activity.membersRemoved.map((m) => m.name || m.id).join(' and ')} left`;
  return `(${activity.type})`;
}

function badgesOf(activity, kind) {
  const badges = kind === 'proactive' ? ['proactive'] : [];
  if (/^Survey: /.test(activity.text ?? '')) badges.push('survey');
  if (activity.deleted) badges.push('deleted');
  else if (activity.edited) badges.push('edited');
  return badges;
}

export function activityItem(activity, userName) {
  const kind = kindOf(activity);
  const item = document.createElement('li');
  item.className = `activity ${kind}${activity.deleted ? ' deleted' : ''}`;
  item.dataset.testid = 'activity';
  item.dataset.kind = kind;
  item.dataset.conversation = activity.conversationId;

  const header = document.createElement('div');
  header.className = 'meta';
  const who = document.createElement('span');
  who.className = 'who';
  who.textContent = activity.direction === 'fromUser' ? userName ?? (activity.from?.name || activity.from?.id) : activity.from?.name || 'Bot';
  header.append(who);
  for (const badge of badgesOf(activity, kind)) {
    const tag = document.createElement('span');
    tag.className = `badge ${badge}`;
    tag.dataset.testid = `badge-${badge}`;
    tag.textContent = badge;
    header.append(tag);
  }
  const time = document.createElement('time');
  time.dateTime = activity.receivedAt;
  time.textContent = new Date(activity.receivedAt).toLocaleTimeString();
  header.append(time);

  const text = document.createElement('p');
  text.className = 'text';
  text.dataset.testid = 'activity-text';
  text.textContent = describe(activity, userName);
  item.append(header, text);
  return item;
}
