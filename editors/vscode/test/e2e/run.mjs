// End-to-end driver: installs the packaged extension into a fresh code-server (VS Code in a
// browser), opens a career-notes workspace in headless Chromium, runs the extension-host suite
// (test/e2e/host/suite.ts, built to out/e2e-host) and checks the Problems panel and takes
// screenshots when the suite asks for them.
//
// Usage: node test/e2e/run.mjs --code-server DIR --vsix FILE --server BIN [--bundled-vsix FILE] [--artifacts DIR]
// Prints one PASS/FAIL line per test and `vscode-e2e: N passed, N failed`; exits 1 on any failure.
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const extensionRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const EXPERIENCE = 'Migrated billing';
const DEADLINE_MS = 240_000;

const NOTES = `# Career notes

## Cut deploy time in half

### Action
I replaced the hand-run release checklist with a pipeline that I wrote and tested.

### Result
Deploys went from 40 minutes to 15, and release-day incidents fell from five a quarter to one.

### Lesson
Automating the boring steps first bought me the trust to change the risky ones.

### In hindsight
I would measure the baseline first; the case for the pipeline would have taken a week, not a month.

## ${EXPERIENCE}

### Action
I moved invoicing out of the monolith into its own service and planned the cut-over weekend.
`;

/** A brag document: career notes by its name alone (no front matter), its experience a list item. */
const BRAG = `# Brag document

## 2025

- **Retired the nightly export job**
  - Finance re-keyed the same numbers every morning from a CSV. I replaced it with a live view
    and walked the two analysts through it. Month-end close now takes two days instead of five.
`;

/** An experience whose result is there but empty: its fix puts the prompt after the label. */
const EMPTY_RESULT = `# Notes

## Invoice backlog

**Action:** I sorted the backlog by supplier and cleared the oldest invoices first.

**Result:** TODO — dig up the numbers

**Lesson:** Ask finance which suppliers matter before promising dates.

**In hindsight:** I would have asked for read access on day one; the backlog would have cleared a week sooner.
`;

/** Ordinary Markdown that is not career notes: the server must stay silent about it. */
const README = `# Project

## Install

Run \`make install\`.

## Result

It works.
`;

/**
 * The only folders on the extension host's PATH: system folders, never ~/.cargo/bin (nor any
 * folder holding a `hindsight`), so that the extension gets the server only from the
 * `hindsight.server.path` setting and the "server not found" test sees no installed copy.
 */
const SYSTEM_PATH = ['/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin'];

function parseArgs(argv) {
  const args = {};
  for (let i = 0; i < argv.length; i += 2) {
    const key = argv[i];
    const value = argv[i + 1];
    if (!key?.startsWith('--') || value === undefined) {
      throw new Error(`bad arguments near ${key ?? '(end)'}`);
    }
    args[key.slice(2)] = value;
  }
  for (const required of ['code-server', 'vsix', 'server']) {
    if (args[required] === undefined) {
      throw new Error(`missing --${required}`);
    }
  }
  return args;
}

const args = parseArgs(process.argv.slice(2));
const codeServerEntry = path.join(path.resolve(args['code-server']), 'node_modules/code-server/out/node/entry.js');
const vsix = path.resolve(args.vsix);
/** The platform package with the server inside, tested in a second, short session. */
const bundledVsix = args['bundled-vsix'] === undefined ? undefined : path.resolve(args['bundled-vsix']);
const serverBin = path.resolve(args.server);
const artifacts = path.resolve(args.artifacts ?? path.join(extensionRoot, 'test-artifacts'));
const hostDir = path.join(extensionRoot, 'out/e2e-host');

const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)}s`;
const say = (line) => console.log(`[e2e ${elapsed()}] ${line}`);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Results of the checks made here, in the browser; the host suite's come from results.json. */
const uiResults = new Map([
  ['Problems panel shows the missing-result diagnostic', { ok: false, error: 'not reached' }],
  ['screenshot of the editor with the diagnostic saved', { ok: false, error: 'not reached' }],
  ['Problems panel says "still a prompt" after the quick fix', { ok: false, error: 'not reached' }],
]);

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitForHttp(url, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const response = await fetch(url, { redirect: 'manual' });
      if (response.status < 500) {
        return;
      }
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      throw new Error(`${url} did not answer within ${timeoutMs} ms`);
    }
    await sleep(250);
  }
}

function prepare(mode, artifacts) {
  for (const [what, file] of [
    ['code-server', codeServerEntry],
    ['the .vsix', vsix],
    ['the hindsight server binary', serverBin],
    ['the built e2e suite', path.join(hostDir, 'suite.js')],
  ]) {
    if (!fs.existsSync(file)) {
      throw new Error(`${what} not found at ${file}`);
    }
  }
  fs.mkdirSync(artifacts, { recursive: true });
  for (const old of fs.readdirSync(artifacts)) {
    fs.rmSync(path.join(artifacts, old), { recursive: true, force: true });
  }
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'hindsight-vscode-e2e-'));
  const dirs = {
    work,
    workspace: path.join(work, 'workspace'),
    userData: path.join(work, 'user-data'),
    extensions: path.join(work, 'extensions'),
    signals: path.join(work, 'signals'),
  };
  for (const dir of Object.values(dirs)) {
    fs.mkdirSync(dir, { recursive: true });
  }
  const notesPath = path.join(dirs.workspace, 'notes.career.md');
  fs.writeFileSync(notesPath, NOTES);
  const bragPath = path.join(dirs.workspace, 'brag.md');
  fs.writeFileSync(bragPath, BRAG);
  const readmePath = path.join(dirs.workspace, 'README.md');
  fs.writeFileSync(readmePath, README);
  const emptyPath = path.join(dirs.workspace, 'empty-result.career.md');
  fs.writeFileSync(emptyPath, EMPTY_RESULT);
  fs.mkdirSync(path.join(dirs.userData, 'User'), { recursive: true });
  fs.writeFileSync(
    path.join(dirs.userData, 'User/settings.json'),
    JSON.stringify(
      {
        // The bundled session must find the package's own server, with no setting.
        ...(mode === 'full' ? { 'hindsight.server.path': serverBin } : {}),
        'hindsight.trace.server': 'messages',
        'editor.inlayHints.enabled': 'on',
        'editor.minimap.enabled': false,
        'editor.stickyScroll.enabled': false,
        'editor.fontSize': 14,
        'workbench.colorTheme': 'Default Light Modern',
        'workbench.startupEditor': 'none',
        'workbench.tips.enabled': false,
        'workbench.welcomePage.walkthroughs.openOnInstall': false,
        'workbench.enableExperiments': false,
        'telemetry.telemetryLevel': 'off',
        'update.mode': 'none',
        'extensions.autoCheckUpdates': false,
        'extensions.autoUpdate': false,
        'extensions.ignoreRecommendations': true,
        'security.workspace.trust.enabled': false,
        'chat.commandCenter.enabled': false,
        'git.enabled': false,
        'markdown.validate.enabled': false,
      },
      null,
      2,
    ),
  );
  fs.writeFileSync(
    path.join(hostDir, 'config.json'),
    JSON.stringify(
      { workDir: dirs.work, signalDir: dirs.signals, notesPath, bragPath, readmePath, emptyPath, experience: EXPERIENCE, mode },
      null,
      2,
    ),
  );
  return { dirs, notesPath, bragPath, readmePath };
}

function codeServerArgs(dirs) {
  return [
    codeServerEntry,
    '--auth',
    'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--config',
    path.join(dirs.work, 'code-server.yaml'),
    '--user-data-dir',
    dirs.userData,
    '--extensions-dir',
    dirs.extensions,
  ];
}

function installExtension(dirs, vsix, artifacts) {
  const result = spawnSync(process.execPath, [...codeServerArgs(dirs), '--install-extension', vsix], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  const out = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  fs.writeFileSync(path.join(artifacts, 'install-extension.log'), out);
  if (result.status !== 0 || !/successfully installed/i.test(out)) {
    throw new Error(`installing ${path.basename(vsix)} failed (exit ${result.status}):\n${out}`);
  }
}

/**
 * The environment for code-server (and so the extension host): a minimal system PATH without
 * ~/.cargo/bin or any folder holding a `hindsight`, and a CARGO_HOME without one, so that the
 * extension uses the binary under test (from the setting) and the test of the "server not found"
 * notification is not fooled by an installed copy. VS Code's server would otherwise merge into the
 * extension host's environment the one of a login shell (`$SHELL -i -l -c`), where ~/.profile
 * (rustup's `. "$HOME/.cargo/env"`) puts ~/.cargo/bin back on PATH; VS Code skips that
 * resolution when VSCODE_CLI=1 (`resolveShellEnv(): skipped (VSCODE_CLI is set)`), its only
 * use of that variable in code-server 4.100.3.
 */
function isolatedEnvironment(dirs) {
  const PATH = SYSTEM_PATH.filter((dir) => !fs.existsSync(path.join(dir, 'hindsight'))).join(path.delimiter);
  const env = { ...process.env, PATH, CARGO_HOME: path.join(dirs.work, 'no-cargo'), VSCODE_CLI: '1' };
  delete env.RUSTUP_HOME;
  return env;
}

/** Starts code-server in its own process group, so that it and everything it spawned can be killed together. */
function startCodeServer(dirs, port, artifacts) {
  const log = fs.openSync(path.join(artifacts, 'code-server.log'), 'w');
  const child = spawn(
    process.execPath,
    [...codeServerArgs(dirs), '--bind-addr', `127.0.0.1:${port}`, '--disable-getting-started-override', dirs.workspace],
    { detached: true, stdio: ['ignore', log, log], env: isolatedEnvironment(dirs) },
  );
  trackGroup(child.pid);
  return child;
}

/**
 * Process groups to kill at the end: code-server's (with its extension host and the language
 * server) and Chromium's. Also written to $HINDSIGHT_E2E_PIDFILE, for scripts/e2e.sh to kill them
 * should this process itself be killed.
 */
const groups = new Set();

function trackGroup(pid) {
  if (pid === undefined) {
    return;
  }
  groups.add(pid);
  if (process.env.HINDSIGHT_E2E_PIDFILE) {
    fs.appendFileSync(process.env.HINDSIGHT_E2E_PIDFILE, `${pid}\n`);
  }
}

function signalGroups(signal) {
  for (const pid of groups) {
    try {
      process.kill(-pid, signal);
    } catch {
      groups.delete(pid); // already gone
    }
  }
}

function killGroups() {
  signalGroups('SIGTERM');
  if (groups.size > 0) {
    spawnSync('sleep', ['1']);
    signalGroups('SIGKILL');
  }
}

for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP']) {
  process.on(signal, () => {
    console.log(`[e2e] ${signal}: stopping code-server and Chromium`);
    killGroups();
    process.exit(143);
  });
}

async function screenshot(page, name) {
  const file = path.join(artifacts, name);
  await page.screenshot({ path: file });
  say(`screenshot ${path.relative(extensionRoot, file)} (${Math.round(fs.statSync(file).size / 1024)} KB)`);
  return file;
}

/** UI step "diagnostic": the Problems panel lists the diagnostic; photograph it and its quick fix menu. */
async function uiDiagnostic(page) {
  const panel = page.locator('.markers-panel');
  try {
    await panel.getByText('missing-result').first().waitFor({ state: 'visible', timeout: 20_000 });
    const text = await panel.innerText();
    if (!text.includes(EXPERIENCE)) {
      throw new Error(`the Problems panel does not name "${EXPERIENCE}": ${text.slice(0, 500)}`);
    }
    uiResults.set('Problems panel shows the missing-result diagnostic', { ok: true });
  } catch (error) {
    uiResults.set('Problems panel shows the missing-result diagnostic', { ok: false, error: String(error) });
  }
  try {
    // Let the squiggle and the inlay hints render.
    await page.locator('.monaco-editor .squiggly-warning').first().waitFor({ state: 'attached', timeout: 10_000 });
    await sleep(1500);
    await screenshot(page, 'diagnostic.png');
    uiResults.set('screenshot of the editor with the diagnostic saved', { ok: true });
  } catch (error) {
    await screenshot(page, 'diagnostic-failed.png').catch(() => undefined);
    uiResults.set('screenshot of the editor with the diagnostic saved', { ok: false, error: String(error) });
  }
  // The quick fix menu on the diagnostic (cursor is on the heading): an illustration, not a check.
  try {
    await page.keyboard.press('Control+Period');
    await page.locator('.action-widget').first().waitFor({ state: 'visible', timeout: 5000 });
    await sleep(500);
    await screenshot(page, 'quick-fix.png');
  } catch (error) {
    say(`no quick fix menu screenshot: ${String(error).split('\n')[0]}`);
  }
  await page.keyboard.press('Escape');
}

/** UI step "fixed": the Problems panel shows the diagnostic's new message. */
async function uiFixed(page) {
  const name = 'Problems panel says "still a prompt" after the quick fix';
  try {
    await page.locator('.markers-panel').getByText('still a prompt').first().waitFor({ state: 'visible', timeout: 15_000 });
    uiResults.set(name, { ok: true });
  } catch (error) {
    uiResults.set(name, { ok: false, error: String(error) });
  }
  await sleep(1000);
  await screenshot(page, 'after-fix.png').catch((error) => say(`no after-fix screenshot: ${String(error)}`));
}

/** UI step "missing-server": an error notification tells where to get the server. */
async function uiMissingServer(page) {
  try {
    await page
      .locator('.notifications-toasts')
      .getByText('carries no language server for your platform')
      .first()
      .waitFor({ state: 'visible', timeout: 15_000 });
    await screenshot(page, 'missing-server.png');
    return 'ok';
  } catch (error) {
    await screenshot(page, 'missing-server-failed.png').catch(() => undefined);
    return `no notification telling how to install the server: ${String(error).split('\n')[0]}`;
  }
}

async function runSuite(page, port, dirs) {
  const remote = (p) => `vscode-remote://127.0.0.1:${port}${p}`;
  const payload = [
    ['extensionDevelopmentPath', remote(hostDir)],
    ['extensionTestsPath', remote(path.join(hostDir, 'suite.js'))],
  ];
  const url =
    `http://127.0.0.1:${port}/?folder=${encodeURIComponent(dirs.workspace)}` +
    `&payload=${encodeURIComponent(JSON.stringify(payload))}`;

  let exitCode;
  await page.exposeFunction('codeAutomationExit', (code) => {
    exitCode = code;
  });
  await page.exposeFunction('codeAutomationLog', () => undefined);
  say(`opening ${url}`);
  await page.goto(url);

  const handled = new Set();
  const suiteStarted = Date.now();
  while (exitCode === undefined) {
    if (Date.now() - suiteStarted > DEADLINE_MS) {
      throw new Error(`the extension host suite did not finish within ${DEADLINE_MS / 1000}s`);
    }
    for (const file of fs.readdirSync(dirs.signals)) {
      const step = file.startsWith('request-') ? file.slice('request-'.length) : undefined;
      if (step === undefined || handled.has(step)) {
        continue;
      }
      handled.add(step);
      say(`UI step "${step}"`);
      let answer = 'ok';
      if (step === 'diagnostic') {
        await uiDiagnostic(page);
      } else if (step === 'fixed') {
        await uiFixed(page);
      } else if (step === 'missing-server') {
        answer = await uiMissingServer(page);
      }
      fs.writeFileSync(path.join(dirs.signals, `done-${step}`), answer);
    }
    await sleep(200);
  }
  return exitCode;
}

function report(dirs, suiteExit, fatal, artifacts, prefix, withUi) {
  let hostResults = [];
  const resultsFile = path.join(dirs?.work ?? '/nonexistent', 'results.json');
  if (fs.existsSync(resultsFile)) {
    hostResults = JSON.parse(fs.readFileSync(resultsFile, 'utf8'));
  }
  const all = [
    ...hostResults,
    ...(withUi ? [...uiResults].map(([name, result]) => ({ name: `UI: ${name}`, ...result })) : []),
  ];
  if (hostResults.length === 0) {
    all.unshift({ name: 'extension host suite ran', ok: false, error: fatal ?? `no results (exit code ${suiteExit})` });
  } else if (fatal !== undefined) {
    all.push({ name: 'e2e run completed', ok: false, error: fatal });
  }
  for (const r of all) {
    console.log(r.ok ? `PASS ${prefix}${r.name}` : `FAIL ${prefix}${r.name}: ${r.error}`);
  }
  const hostLog = path.join(dirs?.work ?? '/nonexistent', 'host.log');
  if (fs.existsSync(hostLog)) {
    fs.copyFileSync(hostLog, path.join(artifacts, 'host.log'));
  }
  // The "Hindsight" output channel (client log and LSP trace) of the extension host.
  const logs = path.join(dirs?.userData ?? '/nonexistent', 'logs');
  const outputs = fs.existsSync(logs)
    ? fs.readdirSync(logs, { recursive: true }).filter((f) => String(f).endsWith('-Hindsight.log'))
    : [];
  for (const [i, file] of outputs.entries()) {
    fs.copyFileSync(path.join(logs, String(file)), path.join(artifacts, `hindsight-output${i === 0 ? '' : `-${i}`}.log`));
  }
  const failed = all.filter((r) => !r.ok).length;
  const passed = all.length - failed;
  if (suiteExit !== undefined && suiteExit !== 0 && failed === 0) {
    console.log(`FAIL ${prefix}the extension host exited with code ${suiteExit}`);
    return { passed, failed: 1 };
  }
  return { passed, failed };
}

/**
 * One code-server session: installs `vsixFile` into fresh user data, opens the workspace in
 * headless Chromium and runs the host suite in `mode` (see E2EConfig.mode in host/suite.ts).
 */
async function session(vsixFile, mode, artifacts) {
  let browser;
  let dirs;
  let suiteExit;
  let fatal;
  try {
    const prepared = prepare(mode, artifacts);
    dirs = prepared.dirs;
    say(`${mode} session: workspace ${dirs.workspace}, package ${path.basename(vsixFile)}`);
    installExtension(dirs, vsixFile, artifacts);
    say('extension installed');
    const port = await freePort();
    startCodeServer(dirs, port, artifacts);
    await waitForHttp(`http://127.0.0.1:${port}/healthz`, 30_000);
    say(`code-server listening on 127.0.0.1:${port}`);
    // launchServer, unlike launch, tells the browser's pid, so that its process group can be killed.
    const browserServer = await chromium.launchServer({
      executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
      headless: true,
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-quic',
        '--no-first-run',
        '--disable-sync',
      ],
    });
    trackGroup(browserServer.process().pid);
    browser = await chromium.connect(browserServer.wsEndpoint());
    const page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
    const consoleLog = fs.createWriteStream(path.join(artifacts, 'browser-console.log'));
    page.on('console', (message) => consoleLog.write(`[${message.type()}] ${message.text()}\n`));
    page.on('pageerror', (error) => consoleLog.write(`[pageerror] ${String(error)}\n`));
    suiteExit = await runSuite(page, port, dirs);
    say(`extension host suite finished with code ${suiteExit}`);
  } catch (error) {
    fatal = error instanceof Error ? error.message : String(error);
    say(`error: ${fatal}`);
  } finally {
    await browser?.close().catch(() => undefined);
    killGroups();
  }
  const prefix = mode === 'full' ? '' : `${mode}: `;
  const counts = report(dirs, suiteExit, fatal, artifacts, prefix, mode === 'full');
  if (counts.failed === 0 && dirs !== undefined) {
    fs.rmSync(dirs.work, { recursive: true, force: true });
  } else if (dirs !== undefined) {
    say(`kept ${dirs.work} (workspace, user data with the extension host logs)`);
  }
  return counts;
}

async function main() {
  let { passed, failed } = await session(vsix, 'full', artifacts);
  if (bundledVsix !== undefined) {
    const bundled = await session(bundledVsix, 'bundled', path.join(artifacts, 'bundled'));
    passed += bundled.passed;
    failed += bundled.failed;
  }
  say(`artifacts (screenshots, logs, LSP trace) in ${artifacts}`);
  // The closing line, `N passed, N failed`, comes last.
  console.log(failed === 0 ? 'PASS vscode e2e' : 'FAIL vscode e2e');
  console.log(`vscode-e2e: ${passed} passed, ${failed} failed`);
  process.exitCode = failed === 0 ? 0 : 1;
}

await main();
