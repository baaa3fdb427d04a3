// End-to-end tests that run inside the VS Code extension host (code-server), against the installed
// Hindsight extension and the real `hindsight` server. `run()` is called by VS Code's test runner
// (`extensionTestsPath`); the driver (test/e2e/run.mjs) reads results.json and takes the
// screenshots when asked through files in the signal folder.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { HindsightApi } from '../../../src/extension';

interface E2EConfig {
  /** Folder for results.json and host.log. */
  workDir: string;
  /** Folder through which the suite asks the driver for UI checks and screenshots. */
  signalDir: string;
  /** The career-notes file of the test workspace. */
  notesPath: string;
  /** `brag.md`, no front matter, whose experience is a list item. */
  bragPath: string;
  /** A plain `README.md` that is not career notes. */
  readmePath: string;
  /** Career notes whose one experience has an empty `**Result:** TODO …` part. */
  emptyPath: string;
  /** Title of the experience that has no result. */
  experience: string;
  /**
   * `full`: every test, the universal package, the server from `hindsight.server.path`.
   * `bundled`: the platform package with its own server, no setting, nothing on PATH.
   */
  mode: 'full' | 'bundled';
}

interface TestResult {
  name: string;
  ok: boolean;
  ms: number;
  error?: string;
}

const EXTENSION_ID = 'hindsight.hindsight';
const RESULT_PROMPT = '<!-- What result did you achieve?';
const LESSON_PROMPT = '<!-- What did you learn?';
const BRAG_TITLE = 'Retired the nightly export job';
/**
 * brag.md after the missing-lesson quick fix: the lesson, and the hindsight that is answered with
 * it, are nested items of the experience.
 */
const BRAG_FIXED = [
  '# Brag document',
  '',
  '## 2025',
  '',
  `- **${BRAG_TITLE}**`,
  '  - Finance re-keyed the same numbers every morning from a CSV. I replaced it with a live view',
  '    and walked the two analysts through it. Month-end close now takes two days instead of five.',
  '  - **Lesson:** <!-- What did you learn? What do you know now that you did not know before? -->',
  '  - **In hindsight:** <!-- Knowing what you know now, what would you do differently, and how would the result change? -->',
  '',
];

const config = JSON.parse(fs.readFileSync(path.join(__dirname, 'config.json'), 'utf8')) as E2EConfig;

function log(line: string): void {
  fs.appendFileSync(path.join(config.workDir, 'host.log'), `${new Date().toISOString()} ${line}\n`);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : JSON.stringify(error);
}

function fail(message: string): never {
  throw new Error(message);
}

/** Polls `probe` until it returns a value other than undefined, or fails after `timeoutMs`. */
async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 20000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) {
        return value;
      }
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const detail = lastError === undefined ? '' : ` (last error: ${errorText(lastError)})`;
      return fail(`timed out after ${timeoutMs} ms waiting for ${what}${detail}`);
    }
    await sleep(200);
  }
}

/** Asks the driver to check or photograph the UI, waits until it is done and returns its answer. */
async function askDriver(step: string, timeoutMs = 60000): Promise<string> {
  const done = path.join(config.signalDir, `done-${step}`);
  fs.writeFileSync(path.join(config.signalDir, `request-${step}`), step);
  return waitFor(`the driver to finish UI step "${step}"`, () => (fs.existsSync(done) ? fs.readFileSync(done, 'utf8') : undefined), timeoutMs);
}

function codeOf(diagnostic: vscode.Diagnostic): string | undefined {
  const code = diagnostic.code;
  if (code === undefined) {
    return undefined;
  }
  return typeof code === 'object' ? String(code.value) : String(code);
}

function describe(diagnostics: readonly vscode.Diagnostic[]): string {
  return JSON.stringify(
    diagnostics.map((d) => ({ code: codeOf(d), source: d.source, line: d.range.start.line, message: d.message })),
  );
}

function hindsightDiagnostics(uri: vscode.Uri, code: string): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'hindsight' && codeOf(d) === code);
}

function labelText(hint: vscode.InlayHint): string {
  return typeof hint.label === 'string' ? hint.label : hint.label.map((part) => part.value).join('');
}

const notesUri = vscode.Uri.file(config.notesPath);
const bragUri = vscode.Uri.file(config.bragPath);
const readmeUri = vscode.Uri.file(config.readmePath);
const emptyUri = vscode.Uri.file(config.emptyPath);
let editor: vscode.TextEditor | undefined;
let resultDiagnostic: vscode.Diagnostic | undefined;
let lessonDiagnostic: vscode.Diagnostic | undefined;
let api: HindsightApi | undefined;

async function show(uri: vscode.Uri): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(uri);
  return vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.One, preview: false });
}

/** Folders of PATH (and CARGO_HOME/bin, the extension's fallback) that hold a `hindsight`. */
function installedServers(): string[] {
  const dirs = (process.env.PATH ?? '').split(path.delimiter).filter((d) => d.length > 0);
  dirs.push(path.join(process.env.CARGO_HOME ?? path.join(process.env.HOME ?? '/nonexistent', '.cargo'), 'bin'));
  return dirs.map((d) => path.join(d, 'hindsight')).filter((f) => fs.existsSync(f));
}

function headingLine(document: vscode.TextDocument): number {
  for (let line = 0; line < document.lineCount; line++) {
    if (/^#+\s/.test(document.lineAt(line).text) && document.lineAt(line).text.includes(config.experience)) {
      return line;
    }
  }
  return fail(`no heading "${config.experience}" in ${config.notesPath}`);
}

async function showNotes(): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(notesUri);
  editor = await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.One, preview: false });
  return editor;
}

const tests: { name: string; timeoutMs: number; fn: () => Promise<void> }[] = [
  {
    name: 'the extension activates on a career-notes file and registers its commands',
    timeoutMs: 30000,
    fn: async () => {
      const extension = vscode.extensions.getExtension(EXTENSION_ID) ?? fail(`extension ${EXTENSION_ID} is not installed`);
      await showNotes();
      api = (await extension.activate()) as HindsightApi | undefined;
      if (!extension.isActive) {
        fail('extension did not activate');
      }
      if (typeof api?.isAttached !== 'function' || typeof api.lastDiagnosticCount !== 'function' || typeof api.serverSource !== 'function') {
        fail('activate() did not return the Hindsight API');
      }
      const commands = await vscode.commands.getCommands(true);
      for (const command of ['hindsight.restartServer', 'hindsight.showReport', 'hindsight.showReportMarkdown', 'hindsight.addAllMissingParts']) {
        if (!commands.includes(command)) {
          fail(`command ${command} is not registered`);
        }
      }
    },
  },
  {
    name: 'missing-result diagnostic on the experience without a result',
    timeoutMs: 90000,
    fn: async () => {
      const shown = editor ?? (await showNotes());
      const line = headingLine(shown.document);
      const diagnostic = await waitFor(
        'a missing-result diagnostic',
        () => hindsightDiagnostics(notesUri, 'missing-result')[0],
        30000,
      ).catch((error: unknown) => {
        fail(`${errorText(error)}; diagnostics present: ${describe(vscode.languages.getDiagnostics(notesUri))}`);
      });
      if (diagnostic.range.start.line !== line) {
        fail(`diagnostic is on line ${diagnostic.range.start.line}, expected the heading on line ${line}`);
      }
      if (!diagnostic.message.includes(config.experience)) {
        fail(`message does not name the experience: ${diagnostic.message}`);
      }
      if (diagnostic.severity !== vscode.DiagnosticSeverity.Warning) {
        fail(`severity is ${diagnostic.severity}, expected Warning (the default)`);
      }
      resultDiagnostic = diagnostic;
      // Show the squiggle, the cursor on it and the Problems panel; the driver checks the panel and
      // takes the screenshots.
      shown.selection = new vscode.Selection(diagnostic.range.start, diagnostic.range.start);
      shown.revealRange(diagnostic.range, vscode.TextEditorRevealType.InCenter);
      await vscode.commands.executeCommand('workbench.action.closeSidebar');
      await vscode.commands.executeCommand('workbench.actions.view.problems');
      await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
      await askDriver('diagnostic');
    },
  },
  {
    name: 'inlay hint at the end of the heading lists what is missing',
    timeoutMs: 30000,
    fn: async () => {
      const document = (editor ?? (await showNotes())).document;
      const line = headingLine(document);
      const range = new vscode.Range(0, 0, document.lineCount, 0);
      const hint = await waitFor('an inlay hint on the experience heading', async () => {
        const hints = await vscode.commands.executeCommand<vscode.InlayHint[]>(
          'vscode.executeInlayHintProvider',
          notesUri,
          range,
        );
        return hints.find((h) => h.position.line === line);
      });
      const text = labelText(hint);
      if (!/\bresult\b/.test(text) || !text.includes('missing')) {
        fail(`inlay hint reads "${text}", expected it to say the result is missing`);
      }
      if (hint.position.character !== document.lineAt(line).text.length) {
        fail(`inlay hint is at column ${hint.position.character}, expected the end of the heading`);
      }
      if (hint.paddingLeft !== true) {
        fail('the inlay hint has no paddingLeft: it would be glued to the title');
      }
      log(`inlay hint: "${text}"`);
    },
  },
  {
    name: 'the preferred quick fix inserts the result prompt',
    timeoutMs: 30000,
    fn: async () => {
      const diagnostic = resultDiagnostic ?? fail('no missing-result diagnostic from the earlier test');
      const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
        'vscode.executeCodeActionProvider',
        notesUri,
        diagnostic.range,
        vscode.CodeActionKind.QuickFix.value,
      );
      // A plain Command has a string `command`; a CodeAction's `command` is an object or absent.
      const codeActions = actions.filter((a): a is vscode.CodeAction => typeof a.command !== 'string');
      // VS Code's executeCodeActionProvider drops `diagnostics` from the actions it returns, so the
      // fix for missing-result is told apart from the other fixes on the heading by its title.
      const preferred = codeActions.filter(
        (a) => a.isPreferred === true && a.kind !== undefined && vscode.CodeActionKind.QuickFix.contains(a.kind),
      );
      const fix = preferred.find((a) => /\bresult\b/i.test(a.title)) ?? (preferred.length === 1 ? preferred[0] : undefined);
      if (fix === undefined) {
        fail(
          `no preferred quick fix for missing-result among: ${JSON.stringify(
            codeActions.map((a) => ({ title: a.title, kind: a.kind?.value, isPreferred: a.isPreferred })),
          )}`,
        );
      }
      log(`quick fix: "${fix.title}"`);
      const document = (editor ?? (await showNotes())).document;
      if (fix.edit !== undefined) {
        if (!(await vscode.workspace.applyEdit(fix.edit))) {
          fail('workspace.applyEdit refused the quick fix edit');
        }
      } else if (fix.command !== undefined) {
        await vscode.commands.executeCommand(fix.command.command, ...((fix.command.arguments ?? []) as unknown[]));
      } else {
        fail('the quick fix has neither an edit nor a command');
      }
      await waitFor('the result prompt in the document', () => (document.getText().includes(RESULT_PROMPT) ? true : undefined), 5000);
      const count = document.getText().split(RESULT_PROMPT).length - 1;
      if (count !== 1) {
        fail(`the result prompt appears ${count} times`);
      }
      log(`after the fix:\n${document.getText()}`);
    },
  },
  {
    name: 'after the fix the diagnostic says the result is still a prompt',
    timeoutMs: 30000,
    fn: async () => {
      const diagnostic = await waitFor(
        'a missing-result diagnostic saying "still a prompt"',
        () => hindsightDiagnostics(notesUri, 'missing-result').find((d) => d.message.includes('still a prompt')),
        15000,
      ).catch((error: unknown) => {
        fail(`${errorText(error)}; diagnostics present: ${describe(vscode.languages.getDiagnostics(notesUri))}`);
      });
      log(`diagnostic after the fix: "${diagnostic.message}" on line ${diagnostic.range.start.line}`);
      // Show the inserted prompt for the driver's after-fix check and screenshot.
      const shown = editor ?? (await showNotes());
      const promptLine = shown.document.getText().split(/\r?\n/).findIndex((l) => l.includes(RESULT_PROMPT));
      if (promptLine >= 0) {
        shown.revealRange(new vscode.Range(promptLine, 0, promptLine, 0), vscode.TextEditorRevealType.InCenter);
      }
      await askDriver('fixed');
    },
  },
  {
    name: 'Hindsight: Show Interview Report shows the HTML page in a webview',
    timeoutMs: 30000,
    fn: async () => {
      await showNotes();
      const panel = await vscode.commands.executeCommand<vscode.WebviewPanel | undefined>('hindsight.showReport', notesUri);
      if (panel === undefined) {
        fail('the command returned no panel');
      }
      const html = panel.webview.html;
      if (!html.startsWith('<!doctype html>') || !html.includes('class="card"') || !html.includes('class="matrix"')) {
        fail(`the webview does not hold the report page: ${html.slice(0, 200)}`);
      }
      if (panel.webview.options.enableScripts) {
        fail('the report webview runs scripts');
      }
      if (!panel.visible) {
        fail('the report panel is not visible');
      }
      panel.dispose();
    },
  },
  {
    name: 'Hindsight: Show Interview Report as Markdown opens the sheet beside the notes',
    timeoutMs: 30000,
    fn: async () => {
      await showNotes();
      const report = await vscode.commands.executeCommand<vscode.TextDocument | undefined>('hindsight.showReportMarkdown', notesUri);
      if (report === undefined) {
        fail('the command returned no document');
      }
      // A read-only virtual document: no Untitled buffer that asks to be saved on close.
      if (report.languageId !== 'markdown' || report.isUntitled || report.uri.scheme !== 'hindsight-report') {
        fail(`the report is a ${report.languageId} document, untitled=${report.isUntitled}, at ${report.uri.toString()}`);
      }
      if (report.isDirty) {
        fail('the report is dirty: closing it would ask to save');
      }
      const shown = vscode.window.activeTextEditor;
      if (shown?.document.uri.toString() !== report.uri.toString()) {
        fail('the report is not the active editor');
      }
      // Typing into it is refused: the editor is read-only.
      const typed = await shown.edit((edit) => {
        edit.insert(new vscode.Position(0, 0), 'x');
      });
      if (typed && report.getText().startsWith('x')) {
        fail('the report accepted an edit');
      }
      if (!report.getText().includes(config.experience)) {
        fail(`the report does not mention "${config.experience}":\n${report.getText()}`);
      }
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    },
  },
  {
    name: 'Hindsight: Add All Missing Parts inserts the remaining prompts',
    timeoutMs: 30000,
    fn: async () => {
      const document = (await showNotes()).document;
      await vscode.commands.executeCommand('hindsight.addAllMissingParts', notesUri);
      await waitFor('the lesson prompt in the document', () => (document.getText().includes(LESSON_PROMPT) ? true : undefined), 10000);
      const results = document.getText().split(RESULT_PROMPT).length - 1;
      if (results !== 1) {
        fail(`the result prompt appears ${results} times after adding all missing parts`);
      }
    },
  },
  {
    name: 'a hindsight.rules setting reaches the server (missing-result as error)',
    timeoutMs: 40000,
    fn: async () => {
      const settings = vscode.workspace.getConfiguration('hindsight');
      await settings.update('rules', { 'missing-result': 'error' }, vscode.ConfigurationTarget.Workspace);
      try {
        await waitFor(
          'missing-result with severity Error',
          () => (hindsightDiagnostics(notesUri, 'missing-result').some((d) => d.severity === vscode.DiagnosticSeverity.Error) ? true : undefined),
          15000,
        ).catch((error: unknown) => {
          fail(`${errorText(error)}; diagnostics present: ${describe(vscode.languages.getDiagnostics(notesUri))}`);
        });
      } finally {
        await settings.update('rules', undefined, vscode.ConfigurationTarget.Workspace);
      }
      await waitFor(
        'missing-result back to Warning once the setting is removed',
        () => (hindsightDiagnostics(notesUri, 'missing-result').some((d) => d.severity === vscode.DiagnosticSeverity.Warning) ? true : undefined),
        15000,
      );
    },
  },
  {
    name: 'a .hindsight.toml is not overridden by the default settings (inlay_hints = false)',
    timeoutMs: 60000,
    fn: async () => {
      const toml = path.join(path.dirname(config.notesPath), '.hindsight.toml');
      const document = (editor ?? (await showNotes())).document;
      const line = headingLine(document);
      const headingHints = async () =>
        (
          await vscode.commands.executeCommand<vscode.InlayHint[]>(
            'vscode.executeInlayHintProvider',
            notesUri,
            new vscode.Range(0, 0, document.lineCount, 0),
          )
        ).filter((h) => h.position.line === line);
      fs.writeFileSync(toml, 'inlay_hints = false\n');
      try {
        // A restart makes the server read the file without relying on file watching.
        await vscode.commands.executeCommand('hindsight.restartServer');
        await waitFor('diagnostics after the restart', () => (hindsightDiagnostics(notesUri, 'missing-result').length > 0 ? true : undefined), 20000);
        const hints = await headingHints();
        if (hints.length > 0) {
          fail(`inlay hints still shown with inlay_hints = false in .hindsight.toml: ${hints.map(labelText).join(', ')}`);
        }
      } finally {
        fs.rmSync(toml, { force: true });
      }
      await vscode.commands.executeCommand('hindsight.restartServer');
      await waitFor('the inlay hint back once .hindsight.toml is gone', async () => ((await headingHints()).length > 0 ? true : undefined), 20000);
    },
  },
  {
    name: 'brag.md without front matter: a list-item experience gets missing-lesson on its bold title',
    timeoutMs: 40000,
    fn: async () => {
      const shown = await show(bragUri);
      const diagnostic = await waitFor(
        'a missing-lesson diagnostic in brag.md',
        () => hindsightDiagnostics(bragUri, 'missing-lesson')[0],
        30000,
      ).catch((error: unknown) => {
        fail(`${errorText(error)}; diagnostics present: ${describe(vscode.languages.getDiagnostics(bragUri))}`);
      });
      const { start, end } = diagnostic.range;
      const titleLine = shown.document.lineAt(4).text;
      const titleStart = titleLine.indexOf(BRAG_TITLE);
      if (start.line !== 4 || end.line !== 4 || start.character !== titleStart || end.character !== titleStart + BRAG_TITLE.length) {
        fail(
          `range ${start.line}:${start.character}-${end.line}:${end.character}, expected the bold title ` +
            `4:${titleStart}-4:${titleStart + BRAG_TITLE.length} of "${titleLine}"`,
        );
      }
      if (!diagnostic.message.includes(BRAG_TITLE)) {
        fail(`message does not name the experience: ${diagnostic.message}`);
      }
      if (hindsightDiagnostics(bragUri, 'missing-result').length > 0) {
        fail(`missing-result on an item that states its result: ${describe(vscode.languages.getDiagnostics(bragUri))}`);
      }
      lessonDiagnostic = diagnostic;
    },
  },
  {
    name: 'brag.md: the lesson quick fix inserts the prompt inside the list item',
    timeoutMs: 30000,
    fn: async () => {
      const diagnostic = lessonDiagnostic ?? fail('no missing-lesson diagnostic from the earlier test');
      const document = (await show(bragUri)).document;
      const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
        'vscode.executeCodeActionProvider',
        bragUri,
        diagnostic.range,
        vscode.CodeActionKind.QuickFix.value,
      );
      const codeActions = actions.filter((a): a is vscode.CodeAction => typeof a.command !== 'string');
      const fix = codeActions.find(
        (a) => a.isPreferred === true && /\blesson\b/i.test(a.title) && !/\ball\b/i.test(a.title),
      );
      if (fix?.edit === undefined) {
        fail(
          `no preferred lesson quick fix with an edit among: ${JSON.stringify(
            codeActions.map((a) => ({ title: a.title, kind: a.kind?.value, isPreferred: a.isPreferred })),
          )}`,
        );
      }
      log(`brag.md quick fix: "${fix.title}"`);
      if (!(await vscode.workspace.applyEdit(fix.edit))) {
        fail('workspace.applyEdit refused the quick fix edit');
      }
      await waitFor('the lesson prompt in brag.md', () => (document.getText().includes(LESSON_PROMPT) ? true : undefined), 5000);
      const lines = document.getText().split(/\r?\n/);
      if (JSON.stringify(lines) !== JSON.stringify(BRAG_FIXED)) {
        fail(`brag.md after the fix:\n${lines.join('\n')}\nexpected:\n${BRAG_FIXED.join('\n')}`);
      }
      await waitFor(
        'missing-lesson in brag.md saying "still a prompt"',
        () => hindsightDiagnostics(bragUri, 'missing-lesson').find((d) => d.message.includes('still a prompt')),
        15000,
      ).catch((error: unknown) => {
        fail(`${errorText(error)}; diagnostics present: ${describe(vscode.languages.getDiagnostics(bragUri))}`);
      });
      await vscode.commands.executeCommand('workbench.action.files.revert');
    },
  },
  {
    name: 'an empty result part: the quick fix puts the prompt after its label and keeps the TODO',
    timeoutMs: 40000,
    fn: async () => {
      const document = (await show(emptyUri)).document;
      const labelLine = document.getText().split(/\r?\n/).findIndex((l) => l.startsWith('**Result:**'));
      const diagnostic = await waitFor(
        'a missing-result diagnostic on the empty Result label',
        () => hindsightDiagnostics(emptyUri, 'missing-result')[0],
        30000,
      ).catch((error: unknown) => {
        fail(`${errorText(error)}; diagnostics present: ${describe(vscode.languages.getDiagnostics(emptyUri))}`);
      });
      if (diagnostic.range.start.line !== labelLine || !diagnostic.message.includes('is empty')) {
        fail(`diagnostic "${diagnostic.message}" on line ${diagnostic.range.start.line}, expected "is empty" on line ${labelLine}`);
      }
      const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
        'vscode.executeCodeActionProvider',
        emptyUri,
        diagnostic.range,
        vscode.CodeActionKind.QuickFix.value,
      );
      const codeActions = actions.filter((a): a is vscode.CodeAction => typeof a.command !== 'string');
      const fix = codeActions.find((a) => a.isPreferred === true && /\bresult\b/i.test(a.title));
      if (fix?.edit === undefined) {
        fail(
          `no preferred result quick fix among: ${JSON.stringify(
            codeActions.map((a) => ({ title: a.title, isPreferred: a.isPreferred })),
          )}`,
        );
      }
      log(`empty-part quick fix: "${fix.title}"`);
      if (!(await vscode.workspace.applyEdit(fix.edit))) {
        fail('workspace.applyEdit refused the quick fix edit');
      }
      const expected =
        '**Result:** <!-- What result did you achieve? Put a number on it: time, money, users, quality, risk. --> TODO — dig up the numbers';
      await waitFor('the prompt on the Result line', () => (document.lineAt(labelLine).text === expected ? true : undefined), 5000).catch(() => {
        fail(`the Result line reads "${document.lineAt(labelLine).text}", expected "${expected}"`);
      });
      if (document.getText().split('**Result:**').length !== 2) {
        fail(`a second Result label was inserted:\n${document.getText()}`);
      }
      await waitFor(
        'missing-result saying "still a prompt"',
        () => hindsightDiagnostics(emptyUri, 'missing-result').find((d) => d.message.includes('still a prompt')),
        15000,
      );
      const again = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
        'vscode.executeCodeActionProvider',
        emptyUri,
        new vscode.Range(labelLine, 0, labelLine, 0),
        vscode.CodeActionKind.QuickFix.value,
      );
      const offered = again
        .filter((a): a is vscode.CodeAction => typeof a.command !== 'string')
        .filter((a) => a.isPreferred === true);
      if (offered.some((a) => /\bresult\b/i.test(a.title))) {
        fail(`the prompt is offered again: ${offered.map((a) => a.title).join(', ')}`);
      }
      await vscode.commands.executeCommand('workbench.action.files.revert');
    },
  },
  {
    name: 'a plain README.md is attached to the server, which gives it no diagnostics',
    timeoutMs: 30000,
    fn: async () => {
      const hindsight = api ?? fail('no Hindsight API from the activation test');
      await show(readmeUri);
      await waitFor('README.md to be open in the server (didOpen sent)', () => (hindsight.isAttached(readmeUri) ? true : undefined), 15000);
      const count = await waitFor('the server to answer with the diagnostics of README.md', () => hindsight.lastDiagnosticCount(readmeUri), 15000);
      const ours = vscode.languages.getDiagnostics(readmeUri).filter((d) => d.source === 'hindsight');
      if (count !== 0 || ours.length > 0) {
        fail(`the server gave README.md ${count} diagnostics: ${describe(ours)}`);
      }
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    },
  },
  {
    name: 'the universal package without a server says where to get one',
    timeoutMs: 60000,
    fn: async () => {
      // The driver starts code-server with a minimal PATH and no `hindsight` on it, so clearing
      // the setting leaves the extension without a server. Should that isolation break, say so
      // rather than blame the extension.
      const installed = installedServers();
      if (installed.length > 0) {
        fail(`the extension host is not isolated from installed servers: ${installed.join(', ')} (PATH=${process.env.PATH ?? ''})`);
      }
      const settings = vscode.workspace.getConfiguration('hindsight');
      // An empty workspace value hides the user setting that points at the binary under test.
      await settings.update('server.path', '', vscode.ConfigurationTarget.Workspace);
      try {
        const answer = await askDriver('missing-server');
        if (answer !== 'ok') {
          fail(answer);
        }
      } finally {
        await settings.update('server.path', undefined, vscode.ConfigurationTarget.Workspace);
        await vscode.commands.executeCommand('notifications.clearAll');
      }
    },
  },
  {
    name: 'Hindsight: Restart Server brings the diagnostics back',
    timeoutMs: 30000,
    fn: async () => {
      await vscode.commands.executeCommand('hindsight.restartServer');
      await waitFor('diagnostics after the restart', () => (hindsightDiagnostics(notesUri, 'missing-result').length > 0 ? true : undefined), 20000);
    },
  },
];

function withTimeout(promise: Promise<void>, ms: number, name: string): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new Error(`test "${name}" timed out after ${ms} ms`));
    }, ms);
  });
  return Promise.race([promise, timeout]).finally(() => {
    clearTimeout(timer);
  });
}

/** The platform package's session: its own server, found without any setting or PATH. */
const bundledTests: { name: string; timeoutMs: number; fn: () => Promise<void> }[] = [
  tests[0],
  {
    name: 'the platform package starts the server it carries, with no setting and nothing on PATH',
    timeoutMs: 60000,
    fn: async () => {
      const installed = installedServers();
      if (installed.length > 0) {
        fail(`a hindsight on the extension host's PATH: ${installed.join(', ')}`);
      }
      if (vscode.workspace.getConfiguration('hindsight').get<string>('server.path', '') !== '') {
        fail('hindsight.server.path is set in the bundled session');
      }
      await showNotes();
      await waitFor('a missing-result diagnostic from the bundled server', () => hindsightDiagnostics(notesUri, 'missing-result')[0], 30000);
      const source = api?.serverSource();
      if (source !== 'bundled') {
        fail(`the server came from ${String(source)}, expected the package's own`);
      }
    },
  },
];

export async function run(): Promise<void> {
  const results: TestResult[] = [];
  log(`suite started in VS Code ${vscode.version} (${config.mode} session)`);
  for (const test of config.mode === 'bundled' ? bundledTests : tests) {
    const started = Date.now();
    try {
      await withTimeout(test.fn(), test.timeoutMs, test.name);
      results.push({ name: test.name, ok: true, ms: Date.now() - started });
      log(`PASS ${test.name}`);
    } catch (error) {
      const message = errorText(error);
      results.push({ name: test.name, ok: false, ms: Date.now() - started, error: message });
      log(`FAIL ${test.name}: ${message}`);
    }
  }
  fs.writeFileSync(path.join(config.workDir, 'results.json'), JSON.stringify(results, null, 2));
  const failed = results.filter((r) => !r.ok).length;
  if (failed > 0) {
    throw new Error(`${failed} of ${results.length} extension host tests failed`);
  }
}
