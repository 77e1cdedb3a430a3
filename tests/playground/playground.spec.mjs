// The playground story in a real headless Chromium (Debian's chromium, driven by playwright-core):
// users chat with the bot, an operator sends notifications (to one user, then two), sees them read, edits and
// recalls one, and starts a survey from the page, and the user answers it in the chat until the bot hands the
// conversation back; then a team made on the page gets the bot, and the operator posts into its channel.
//
//   node playground.spec.mjs <baseUrl> [screenshotPath]
//
// Prints one "ok - ..." line per step and "playground: passed" at the end; exits 1 with the reason
// (and a screenshot next to the requested one) when a step fails.
import { mkdtemp, mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const CHROMIUM = '/usr/bin/chromium';
const STEP_TIMEOUT_MS = 20_000;
const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const [baseUrl, screenshot = path.join(repositoryRoot, 'artifacts', 'playground.png')] = process.argv.slice(2);
if (!baseUrl) {
  console.error('usage: node playground.spec.mjs <baseUrl> [screenshotPath]');
  process.exit(2);
}

// Without the background-networking switches Chromium keeps calling Google's services, which fail on a closed network.
const args = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const userDataDir = await mkdtemp(path.join(tmpdir(), 'psuite-chromium-'));
const context = await chromium.launchPersistentContext(userDataDir, {
  executablePath: CHROMIUM, headless: true, args, viewport: { width: 1400, height: 900 },
});
const page = context.pages()[0] ?? await context.newPage();
page.setDefaultTimeout(STEP_TIMEOUT_MS);
const browserErrors = [];
page.on('pageerror', (error) => browserErrors.push(error.message));

const step = async (name, action) => {
  try {
    await action();
    console.log(`ok - ${name}`);
  } catch (error) {
    throw new Error(`${name}: ${error.message.split('\n')[0]}`, { cause: error });
  }
};

// The chat's bubbles of one kind (user, reply, proactive, event), and whether one with this text has arrived.
const bubble = (kind, text) => page.locator(`[data-testid="activity"][data-kind="${kind}"]`, { hasText: text });
const arrives = (kind, text) => bubble(kind, text).first().waitFor();
const say = async (text) => {
  await page.getByTestId('message-text').fill(text);
  await page.getByTestId('send-message').click();
};

let failed = null;
try {
  await step('the page opens with the local operator key', async () => {
    await page.goto(baseUrl);
    await page.waitForFunction(() => document.getElementById('operator-key')?.value.length > 0);
  });

  await step('Ada joins and the bot greets her', async () => {
    await page.getByTestId('new-user-id').fill('ada');
    await page.getByTestId('add-user').click();
    await arrives('reply', 'Welcome to ProactiveSuite!');
  });

  await step('Ada writes and the bot answers with its introduction', async () => {
    await say('hello bot');
    await arrives('user', 'hello bot');
    await arrives('reply', "What's your name?");
  });

  await step('Grace joins too, and Ada is chosen again', async () => {
    await page.getByTestId('new-user-id').fill('grace');
    await page.getByTestId('add-user').click();
    await arrives('reply', 'Welcome to ProactiveSuite!');
    await page.getByTestId('user-picker').selectOption('ada');
    await arrives('reply', "What's your name?");
    if (!(await page.getByTestId('recipient-ada').isChecked()) || await page.getByTestId('recipient-grace').isChecked()) {
      throw new Error('Ada alone should be the recipient');
    }
  });

  await step('a notification from the operator panel arrives in the chat, marked proactive, and shows delivered', async () => {
    await page.getByTestId('notification-text').fill('Your report is ready');
    await page.getByTestId('send-notification').click();
    await arrives('proactive', 'Your report is ready');
    await page.locator('[data-testid="notification-status"][data-state="delivered"]').waitFor();
  });

  await step('a notification to Ada and Grace reaches both, and its status counts two delivered', async () => {
    await page.getByTestId('recipient-grace').check();
    await page.getByTestId('notification-text').fill('Lunch is served');
    await page.getByTestId('send-notification').click();
    const status = page.locator('[data-testid="notification-status"][data-state="delivered"]', { hasText: 'Lunch is served' });
    await status.waitFor();
    const detail = await status.getByTestId('detail').textContent();
    if (!detail.includes('delivered 2')) throw new Error(`the status does not count two deliveries: ${detail}`);
    await arrives('proactive', 'Lunch is served');
    await page.getByTestId('user-picker').selectOption('grace');
    await arrives('proactive', 'Lunch is served');
    await page.getByTestId('user-picker').selectOption('ada');
    await page.getByTestId('recipient-grace').uncheck();
  });

  await step('Ada marks the chat read and the first notification counts one read', async () => {
    await page.getByTestId('read-conversation').click();
    await arrives('event', 'Ada read the conversation');
    const status = page.locator('[data-testid="notification-status"]', { hasText: 'Your report is ready' });
    await status.getByTestId('detail').filter({ hasText: 'read 1' }).waitFor();
  });

  await step('an edit from the operator panel replaces the message in the chat, marked edited', async () => {
    const card = page.locator('[data-testid="notification-status"]', { hasText: 'Lunch is served' });
    await card.getByTestId('edit-text').fill('Lunch is served at 1 pm');
    await card.getByTestId('edit').click();
    await page.locator('[data-testid="notification-status"][data-state="edited"]', { hasText: 'Lunch is served' }).waitFor();
    await bubble('proactive', 'Lunch is served at 1 pm').getByTestId('badge-edited').waitFor();
    if (await bubble('proactive', 'Lunch is served').count() !== 1) throw new Error('the edited message should replace the old one, not come as a new one');
  });

  await step('a recall from the operator panel deletes the message in both chats, and a later edit is refused', async () => {
    const card = page.locator('[data-testid="notification-status"]', { hasText: 'Lunch is served' });
    await card.getByTestId('recall').click();
    await page.locator('[data-testid="notification-status"][data-state="recalled"]', { hasText: 'Lunch is served' }).waitFor();
    await bubble('proactive', 'This message was deleted.').getByTestId('badge-deleted').waitFor();
    if (await bubble('proactive', 'Lunch is served').count() !== 0) throw new Error('the recalled message is still shown');
    await page.getByTestId('user-picker').selectOption('grace');
    await bubble('proactive', 'This message was deleted.').getByTestId('badge-deleted').waitFor();
    await page.getByTestId('user-picker').selectOption('ada');
    await card.getByTestId('edit').click();
    await page.getByTestId('operator-error').filter({ hasText: 'was recalled' }).waitFor();
  });

  await step('a survey the Dispatcher refuses shows its reason, and starts nothing', async () => {
    const choices = page.getByTestId('question-choices').first();
    await choices.fill('');
    await page.getByTestId('start-survey').click();
    await page.getByTestId('operator-error').filter({ hasText: "question 'q1' is a choice question with no choices" }).waitFor();
    if (await page.getByTestId('survey-status').count() !== 0) throw new Error('a refused survey got a status card');
    await choices.fill('Great, OK, Bad');
  });

  await step('a survey from the operator panel interrupts the chat', async () => {
    await page.getByTestId('survey-title').fill('Lunch');
    await page.getByTestId('start-survey').click();
    await arrives('proactive', 'Survey: Lunch');
    await bubble('proactive', 'Survey: Lunch').getByTestId('badge-survey').waitFor();
    await page.locator('[data-testid="survey-status"][data-state="in progress"]').waitFor();
  });

  await step('Ada answers in the chat until the bot is back to the original conversation', async () => {
    await say('2');
    await arrives('reply', 'Question 2 of 2: Anything to add?');
    await say('More coffee');
    await arrives('reply', "Thank you for answering 'Lunch'.");
    await arrives('reply', 'Back to the original conversation.');
  });

  await step("the survey's status shows the completed response and its answers", async () => {
    const status = page.locator('[data-testid="survey-status"][data-state="completed"]');
    await status.waitFor();
    const detail = await status.getByTestId('detail').textContent();
    for (const expected of ['completed 1', 'OK: 1', '“More coffee”']) {
      if (!detail.includes(expected)) throw new Error(`"${expected}" is not in the survey's status: ${detail}`);
    }
  });

  const inGroup = (kind, text) => page.getByTestId('group-transcript').locator(`[data-testid="activity"][data-kind="${kind}"]`, { hasText: text });

  await step('a team made on the page gets the bot, and Ada posts in its channel, apart from her own chat', async () => {
    await page.getByTestId('group-kind').selectOption('channel');
    await page.getByTestId('group-name').fill('Finance');
    await page.getByTestId('group-members').fill('ada, grace');
    await page.getByTestId('create-group').click();
    await page.getByTestId('group-info').filter({ hasText: 'the bot is not in it' }).waitFor();
    await page.getByTestId('group-bot').click();
    await page.getByTestId('group-info').filter({ hasText: 'the bot is in it' }).waitFor();
    await page.getByTestId('group-from').selectOption('ada');
    await page.getByTestId('group-text').fill('Is the quarter closed?');
    await page.getByTestId('group-send').click();
    await inGroup('user', 'Is the quarter closed?').waitFor();
    if (await page.getByTestId('transcript').getByText('Is the quarter closed?').count() !== 0) throw new Error("the channel's message shows in Ada's own chat");
  });

  await step('the operator posts into the stored channel, and the post shows there, marked proactive', async () => {
    const channel = page.locator('label', { hasText: 'Finance' }).getByTestId('recipient-conversation');
    await channel.waitFor();
    await page.getByTestId('recipient-ada').uncheck();
    await channel.check();
    await page.getByTestId('notification-text').fill('The quarter closes on Friday');
    await page.getByTestId('send-notification').click();
    await page.locator('[data-testid="notification-status"][data-state="delivered"]', { hasText: 'The quarter closes on Friday' }).waitFor();
    await inGroup('proactive', 'The quarter closes on Friday').waitFor();
    if (await page.getByTestId('transcript').getByText('The quarter closes on Friday').count() !== 0) throw new Error("the channel's post shows in Ada's own chat");
  });

  await step('removing the bot from the team takes the channel off the recipients', async () => {
    await page.getByTestId('group-bot').click();
    await page.getByTestId('group-info').filter({ hasText: 'the bot is not in it' }).waitFor();
    await page.locator('label', { hasText: 'Finance' }).getByTestId('recipient-conversation').waitFor({ state: 'detached' });
  });

  await step('the page raised no script errors', async () => {
    if (browserErrors.length) throw new Error(browserErrors.join('; '));
  });
} catch (error) {
  failed = error;
}

const shot = failed ? screenshot.replace(/\.png$/, '-failure.png') : screenshot;
await mkdir(path.dirname(shot), { recursive: true });
await page.screenshot({ path: shot, fullPage: true }).catch((error) => console.error(`no screenshot: ${error.message}`));
console.log(`screenshot: ${shot}`);
await context.close();
await rm(userDataDir, { recursive: true, force: true });

if (failed) {
  console.error(`not ok - ${failed.message}`);
  process.exit(1);
}
console.log('playground: passed');
