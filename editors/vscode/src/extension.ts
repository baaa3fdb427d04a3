// The Hindsight extension: runs `hindsight lsp` for every Markdown document; the server decides
// which documents are career notes and publishes nothing for the others.
import * as vscode from 'vscode';
import {
  DidChangeConfigurationNotification,
  ExecuteCommandRequest,
  LanguageClient,
  type LanguageClientOptions,
  RevealOutputChannelOn,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { findServer, type ServerLookup } from './server';
import { explicitSettings, readSettings } from './settings';

const CLIENT_ID = 'hindsight';
const CLIENT_NAME = 'Hindsight';
/** Where the release archives and the platform packages (with the server inside) are. */
export const RELEASES_URL = 'https://github.com/hindsight-notes/hindsight/releases';

/**
 * Every Markdown document, saved or untitled. Which of them are career notes (`*.career.md`,
 * `brag*.md`, front matter `hindsight: true`, the `include` globs, …) is the server's decision.
 */
export const DOCUMENT_SELECTOR = [
  { scheme: 'file', language: 'markdown' },
  { scheme: 'untitled', language: 'markdown' },
];

/**
 * What `activate` returns: a small view of the running client, for other extensions and the
 * end-to-end test.
 */
export interface HindsightApi {
  /** Is the document open in the running server (sent with `textDocument/didOpen`, not closed since)? */
  isAttached(uri: vscode.Uri): boolean;
  /**
   * How many diagnostics the running server last gave for the document (pushed, or answered to a
   * pull); undefined before its first answer. 0 for Markdown that is not career notes.
   */
  lastDiagnosticCount(uri: vscode.Uri): number | undefined;
  /** Where the running server came from: the setting, the package, PATH or ~/.cargo/bin. */
  serverSource(): 'setting' | 'bundled' | 'PATH' | 'cargo' | undefined;
}

/** What the running client has told the server and heard back, per document URI. */
const attached = new Set<string>();
const diagnosticCounts = new Map<string, number>();

const api: HindsightApi = {
  isAttached: (uri) => client?.isRunning() === true && attached.has(uri.toString()),
  lastDiagnosticCount: (uri) => (client?.isRunning() === true ? diagnosticCounts.get(uri.toString()) : undefined),
  serverSource: () => (client?.isRunning() === true ? serverFrom : undefined),
};

let serverFrom: 'setting' | 'bundled' | 'PATH' | 'cargo' | undefined;
/** The extension's own folder (a platform package carries the server under `server/`). */
let extensionDir: string | undefined;

let client: LanguageClient | undefined;
let output: vscode.OutputChannel | undefined;
/** Start, stop and restart run one after the other, never interleaved. */
let queue: Promise<unknown> = Promise.resolve();

function enqueue<T>(job: () => Promise<T>): Promise<T> {
  const next = queue.then(job, job);
  queue = next.catch(() => undefined);
  return next;
}

function workspaceFolderPaths(): string[] {
  return (vscode.workspace.workspaceFolders ?? [])
    .filter((f) => f.uri.scheme === 'file')
    .map((f) => f.uri.fsPath);
}

function reportMissingServer(lookup: Exclude<ServerLookup, { kind: 'found' }>): void {
  const message =
    lookup.kind === 'setting-invalid'
      ? `Hindsight: "hindsight.server.path" is set to "${lookup.configured}", but ${lookup.resolved} is not an executable file. ` +
        'Correct the setting, or clear it to use `hindsight` from PATH.'
      : 'Hindsight: this package carries no language server for your platform, and `hindsight` is not on PATH. ' +
        'Install the package for your platform, or download the `hindsight` binary from the releases page ' +
        'and set "hindsight.server.path" to it.';
  output?.appendLine(message);
  const openSettings = 'Open Settings';
  const releases = 'Open Releases Page';
  void vscode.window.showErrorMessage(message, openSettings, releases).then(async (choice) => {
    if (choice === openSettings) {
      await vscode.commands.executeCommand('workbench.action.openSettings', 'hindsight.server.path');
    } else if (choice === releases) {
      await vscode.env.openExternal(vscode.Uri.parse(RELEASES_URL));
    }
  });
}

async function startClient(): Promise<LanguageClient | undefined> {
  const settings = readSettings(vscode.workspace.getConfiguration('hindsight', null));
  const folders = workspaceFolderPaths();
  const lookup = findServer(settings.server.path, folders[0], extensionDir);
  if (lookup.kind !== 'found') {
    reportMissingServer(lookup);
    return undefined;
  }
  output?.appendLine(`Starting ${lookup.path} lsp (found via ${lookup.from})`);
  serverFrom = lookup.from;

  const executable = { command: lookup.path, args: ['lsp'], options: { cwd: folders[0] } };
  const serverOptions: ServerOptions = { run: executable, debug: executable };
  const userSettings = (scope?: vscode.Uri) => explicitSettings(vscode.workspace.getConfiguration('hindsight', scope ?? null));
  let created: LanguageClient | undefined = undefined;
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    // The `hindsight` settings reach the server three ways: as `initializationOptions`, as
    // `workspace/didChangeConfiguration` whenever they change (`configurationSection`), and as the
    // answer to `workspace/configuration`. Each time only the values the user set are sent (see
    // `explicitSettings`), so that VS Code's defaults do not override `.hindsight.toml`.
    // eslint-disable-next-line @typescript-eslint/no-deprecated
    synchronize: { configurationSection: 'hindsight' },
    initializationOptions: userSettings(),
    middleware: {
      didOpen: async (document, next) => {
        attached.add(document.uri.toString());
        await next(document);
      },
      didClose: async (document, next) => {
        attached.delete(document.uri.toString());
        diagnosticCounts.delete(document.uri.toString());
        await next(document);
      },
      handleDiagnostics: (uri, diagnostics, next) => {
        diagnosticCounts.set(uri.toString(), diagnostics.length);
        next(uri, diagnostics);
      },
      provideDiagnostics: async (document, previousResultId, token, next) => {
        const report = await next(document, previousResultId, token);
        const uri = document instanceof vscode.Uri ? document : document.uri;
        if (report !== undefined && report !== null && 'items' in report) {
          diagnosticCounts.set(uri.toString(), report.items.length);
        }
        return report;
      },
      workspace: {
        didChangeConfiguration: async (sections, next) => {
          if (created === undefined || !created.isRunning()) {
            return; // starting or stopping: the next start sends the settings as initializationOptions
          }
          if (sections === undefined || !sections.includes('hindsight')) {
            await next(sections);
            return;
          }
          await created.sendNotification(DidChangeConfigurationNotification.type, {
            settings: { hindsight: userSettings() },
          });
        },
        configuration: async (params, token, next) => {
          const answers = await next(params, token);
          if (!Array.isArray(answers)) {
            return answers;
          }
          return params.items.map((item, i): unknown =>
            item.section === 'hindsight'
              ? userSettings(item.scopeUri === undefined ? undefined : vscode.Uri.parse(item.scopeUri))
              : answers[i],
          );
        },
      },
    },
    outputChannel: output,
    revealOutputChannelOn: RevealOutputChannelOn.Never,
  };
  created = new LanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions, clientOptions);
  try {
    await created.start();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    void vscode.window.showErrorMessage(
      `Hindsight: the language server (${lookup.path} lsp) failed to start: ${reason}. ` +
        'See the "Hindsight" output for details.',
    );
    await created.dispose(2000).catch(() => undefined);
    return undefined;
  }
  return created;
}

async function stopClient(): Promise<void> {
  const running = client;
  client = undefined;
  attached.clear();
  diagnosticCounts.clear();
  if (running !== undefined) {
    await running.dispose(2000).catch((error: unknown) => {
      output?.appendLine(`Stopping the server failed: ${String(error)}`);
    });
  }
}

function restart(): Promise<void> {
  return enqueue(async () => {
    await stopClient();
    client = await startClient();
  });
}

/** The running client, starting it first when it is not running (e.g. after a failed start). */
async function runningClient(): Promise<LanguageClient | undefined> {
  await queue;
  if (client === undefined || !client.isRunning()) {
    await restart();
  }
  return client?.isRunning() === true ? client : undefined;
}

function targetDocument(arg: unknown): vscode.Uri | undefined {
  if (arg instanceof vscode.Uri) {
    return arg;
  }
  // The server's lenses name the document as a string.
  if (typeof arg === 'string') {
    try {
      return vscode.Uri.parse(arg, true);
    } catch {
      return vscode.window.activeTextEditor?.document.uri;
    }
  }
  return vscode.window.activeTextEditor?.document.uri;
}

async function executeServerCommand(command: string, arg: unknown, ...more: unknown[]): Promise<unknown> {
  const uri = targetDocument(arg);
  if (uri === undefined) {
    void vscode.window.showInformationMessage('Hindsight: open a Markdown file with career notes first.');
    return undefined;
  }
  const running = await runningClient();
  if (running === undefined) {
    return undefined;
  }
  try {
    return await running.sendRequest(ExecuteCommandRequest.type, {
      command,
      arguments: [running.code2ProtocolConverter.asUri(uri), ...more],
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    void vscode.window.showErrorMessage(`Hindsight: ${command} failed: ${reason}`);
    return undefined;
  }
}

/**
 * The interview sheets, shown as read-only virtual documents (`hindsight-report:` URIs): no
 * "save changes?" on close, nothing on disk, and the server never sees them (the document
 * selector names only `file` and `untitled`).
 */
export const REPORT_SCHEME = 'hindsight-report';

class ReportDocuments implements vscode.TextDocumentContentProvider {
  private readonly contents = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  /** The sheet of `notes`, under one URI per notes file, so that a second run refreshes it. */
  show(notes: vscode.Uri, markdown: string): vscode.Uri {
    const name = notes.path.split('/').pop() ?? 'notes.md';
    const uri = vscode.Uri.from({
      scheme: REPORT_SCHEME,
      path: `/Interview sheet — ${name.replace(/\.md$/i, '')}.md`,
      query: notes.toString(),
    });
    this.contents.set(uri.toString(), markdown);
    this.changed.fire(uri);
    return uri;
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.toString()) ?? '';
  }

  dispose(): void {
    this.changed.dispose();
  }
}

const reports = new ReportDocuments();

/** The Markdown sheet beside the notes, as a read-only document. */
async function showReportMarkdown(arg?: unknown): Promise<vscode.TextDocument | undefined> {
  const notes = targetDocument(arg);
  const report = await executeServerCommand('hindsight.report', notes);
  if (report === undefined || report === null || notes === undefined) {
    return undefined;
  }
  if (typeof report !== 'string') {
    void vscode.window.showErrorMessage('Hindsight: the server did not return a report.');
    return undefined;
  }
  const document = await vscode.workspace.openTextDocument(reports.show(notes, report));
  if (document.languageId !== 'markdown') {
    await vscode.languages.setTextDocumentLanguage(document, 'markdown');
  }
  await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside, preview: false });
  return document;
}

/** One report panel per notes file, refreshed when shown again. */
const reportPanels = new Map<string, vscode.WebviewPanel>();

/**
 * The interview report as the server's HTML page, in a webview beside the notes. The page has
 * no script and its own Content-Security-Policy (no network), so the webview runs none.
 */
async function showReport(arg?: unknown): Promise<vscode.WebviewPanel | undefined> {
  const notes = targetDocument(arg);
  const html = await executeServerCommand('hindsight.report', notes, 'html');
  if (html === undefined || html === null || notes === undefined) {
    return undefined;
  }
  if (typeof html !== 'string' || html === '') {
    void vscode.window.showErrorMessage('Hindsight: the server did not return a report (is this file career notes?).');
    return undefined;
  }
  const key = notes.toString();
  let panel = reportPanels.get(key);
  if (panel === undefined) {
    const name = notes.path.split('/').pop() ?? 'notes.md';
    panel = vscode.window.createWebviewPanel(
      'hindsight.report',
      `Interview report — ${name.replace(/\.md$/i, '')}`,
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: false },
      { enableScripts: false, enableFindWidget: true, localResourceRoots: [] },
    );
    reportPanels.set(key, panel);
    panel.onDidDispose(() => reportPanels.delete(key));
  }
  panel.webview.html = html;
  panel.reveal(vscode.ViewColumn.Beside);
  return panel;
}

async function addAllMissingParts(arg?: unknown): Promise<void> {
  // The server applies the edit itself with `workspace/applyEdit`.
  await executeServerCommand('hindsight.addMissingParts', arg);
}

export async function activate(context: vscode.ExtensionContext): Promise<HindsightApi> {
  output = vscode.window.createOutputChannel(CLIENT_NAME);
  extensionDir = context.extensionPath;
  context.subscriptions.push(
    output,
    reports,
    vscode.workspace.registerTextDocumentContentProvider(REPORT_SCHEME, reports),
    vscode.commands.registerCommand('hindsight.restartServer', () => restart()),
    vscode.commands.registerCommand('hindsight.showReport', showReport),
    vscode.commands.registerCommand('hindsight.showReportMarkdown', showReportMarkdown),
    vscode.commands.registerCommand('hindsight.addAllMissingParts', addAllMissingParts),
    vscode.workspace.onDidChangeConfiguration((event) => {
      // The other settings, `include` among them, reach the running server through
      // `workspace/didChangeConfiguration`; the server then decides anew which documents are
      // career notes.
      if (event.affectsConfiguration('hindsight.server.path')) {
        void restart();
      }
    }),
    { dispose: () => void stopClient() },
  );
  await restart();
  return api;
}

export function deactivate(): Promise<void> {
  return enqueue(stopClient);
}
