// The `hindsight.*` settings: what the server receives and which documents the client attaches to.
import * as path from 'node:path';

/** The rule codes of the spec, in its order. */
export const RULE_CODES = [
  'missing-result',
  'missing-lesson',
  'missing-action',
  'missing-hindsight',
  'vague-result',
  'we-not-i',
  'duplicate-experience',
  'missing-self-assessment',
] as const;

export const SEVERITIES = ['error', 'warning', 'information', 'hint', 'off'] as const;

/** The pattern that always marks a career-notes file. */
export const CAREER_NOTES_GLOB = '**/*.career.md';

/** Minimal view of `vscode.WorkspaceConfiguration`, so this module is testable without VS Code. */
export interface ConfigReader {
  get(section: string): unknown;
}

export interface ServerSettings {
  server: { path: string };
  trace: { server: string };
  inlay_hints: boolean;
  include: string[];
  exclude: string[];
  experience_level: 'auto' | number;
  rules: Record<string, string>;
}

function stringArray(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/**
 * The `hindsight` section as plain JSON, the shape the server reads (snake_case keys, `rules` keyed by
 * rule code). `server` and `trace` are client settings the server ignores.
 */
export function readSettings(config: ConfigReader): ServerSettings {
  const level = config.get('experience_level');
  const rulesRaw = config.get('rules');
  const serverPath = config.get('server.path');
  const trace = config.get('trace.server');
  const inlayHints = config.get('inlay_hints');
  const rules: Record<string, string> = {};
  if (rulesRaw !== null && typeof rulesRaw === 'object') {
    for (const [code, severity] of Object.entries(rulesRaw as Record<string, unknown>)) {
      if (typeof severity === 'string') {
        rules[code] = severity;
      }
    }
  }
  return {
    server: { path: typeof serverPath === 'string' ? serverPath : '' },
    trace: { server: typeof trace === 'string' ? trace : 'off' },
    inlay_hints: typeof inlayHints === 'boolean' ? inlayHints : true,
    include: stringArray(config.get('include')),
    exclude: stringArray(config.get('exclude')),
    experience_level: typeof level === 'number' && Number.isInteger(level) && level >= 1 && level <= 6 ? level : 'auto',
    rules,
  };
}

function toSlashes(p: string): string {
  return p.replace(/\\/g, '/');
}

/**
 * Turns the `include` globs (relative to a workspace folder, like `career/**\/*.md`) into patterns
 * for a document selector, which VS Code matches against absolute paths.
 */
export function includePatterns(include: readonly string[], workspaceFolders: readonly string[]): string[] {
  const patterns = new Set<string>([CAREER_NOTES_GLOB]);
  for (const raw of include) {
    const glob = toSlashes(raw.trim()).replace(/^\.\//, '');
    if (glob.length === 0) {
      continue;
    }
    if (glob.startsWith('/') || glob.startsWith('**/') || path.win32.isAbsolute(glob)) {
      patterns.add(glob);
    } else if (workspaceFolders.length === 0) {
      patterns.add(`**/${glob}`);
    } else {
      for (const folder of workspaceFolders) {
        patterns.add(`${toSlashes(folder).replace(/\/+$/, '')}/${glob}`);
      }
    }
  }
  return [...patterns];
}
