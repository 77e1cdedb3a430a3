// The Host's HTTP APIs as the page uses them: the channel emulator's control routes (anonymous, local only)
// and the operator APIs (with the API key from the page's key field).

async function call(method, path, { body, headers = {} } = {}) {
  const response = await fetch(path, {
    method,
    headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    // not JSON (a proxy's error page, say): the text itself is the reason below
  }
  if (!response.ok && response.status !== 404) {
    const reason = json?.detail ?? json?.title ?? json?.error?.message ?? text;
    throw new Error(`${method} ${path}: ${response.status} ${reason}`);
  }
  return { status: response.status, json };
}

const enc = encodeURIComponent;

export const emulator = {
  settings: async () => (await call('GET', '/playground/settings')).json,
  conversations: async () => (await call('GET', '/emulator/conversations')).json,
  join: (userId, name) => call('POST', `/emulator/users/${enc(userId)}/join`, { body: { name } }),
  say: (userId, name, text, conversationId) =>
    call('POST', `/emulator/users/${enc(userId)}/messages`, { body: { text, name, conversationId } }),
  // What Teams sends when the user has read the chat: a read receipt up to its newest message.
  read: (userId, conversationId) => call('POST', `/emulator/users/${enc(userId)}/read`, { body: { conversationId } }),
  // Group chats and team channels: made here, the bot added or removed (Teams' conversationUpdate), members post.
  groups: async () => (await call('GET', '/emulator/groups')).json,
  createGroup: async (group) => (await call('POST', '/emulator/groups', { body: group })).json,
  addBot: (groupId) => call('POST', `/emulator/groups/${enc(groupId)}/bot`),
  removeBot: (groupId) => call('DELETE', `/emulator/groups/${enc(groupId)}/bot`),
  postInGroup: (groupId, from, text) => call('POST', `/emulator/groups/${enc(groupId)}/messages`, { body: { from, text } }),
};

export function operatorApi(keyHeader, key) {
  const headers = () => ({ [keyHeader()]: key() });
  const send = async (method, path, body) => (await call(method, path, { body, headers: headers() })).json;
  const read = async (path) => {
    const { status, json } = await call('GET', path, { headers: headers() });
    return status === 404 ? null : json; // not recorded yet: the command is still on its way
  };
  return {
    sendNotification: (command) => send('POST', '/notifications', command),
    sendBroadcast: (command) => send('POST', '/broadcasts', command),
    startSurvey: (command) => send('POST', '/surveys', command),
    notificationStatus: (id) => read(`/notifications/${enc(id)}`),
    recall: (id) => send('POST', `/notifications/${enc(id)}/recall`),
    edit: (id, text) => send('POST', `/notifications/${enc(id)}/edit`, { text }),
    surveyResults: (id) => read(`/surveys/${enc(id)}/results`),
    // The group chats and channels the Registry holds (captured when the bot was added or someone wrote there).
    groupConversations: (channelId) => read(`/conversations?channelId=${enc(channelId)}&limit=100`),
  };
}
