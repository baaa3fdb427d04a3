// The `hindsight.*` settings: what the server receives.

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

/** The keys of the `hindsight` section that the server reads (`server` and `trace` are the client's). */
export const SERVER_KEYS = ['inlay_hints', 'include', 'exclude', 'experience_level', 'rules'] as const;

/** Minimal view of `vscode.WorkspaceConfiguration.inspect`. */
export interface ConfigInspector {
  inspect(section: string):
    | { globalValue?: unknown; workspaceValue?: unknown; workspaceFolderValue?: unknown }
    | undefined;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * The settings the user wrote (user, workspace or folder settings), without VS Code's defaults.
 *
 * The server lets each key present in the settings override the same key of `.hindsight.toml`, so
 * the defaults must not be sent: `"experience_level": "auto"` or `"include": []` from the default
 * values would silently override `experience_level = 3` or `include = [...]` in the file.
 * `rules` objects are merged across scopes, as VS Code merges object settings.
 */
export function explicitSettings(config: ConfigInspector): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const key of SERVER_KEYS) {
    const inspected = config.inspect(key);
    if (inspected === undefined) {
      continue;
    }
    const scopes = [inspected.globalValue, inspected.workspaceValue, inspected.workspaceFolderValue].filter(
      (v) => v !== undefined && v !== null,
    );
    if (scopes.length === 0) {
      continue;
    }
    if (key === 'rules') {
      const merged: Record<string, unknown> = {};
      for (const scope of scopes) {
        if (isPlainObject(scope)) {
          Object.assign(merged, scope);
        }
      }
      result[key] = merged;
    } else {
      result[key] = scopes[scopes.length - 1];
    }
  }
  // A plain JSON copy: VS Code hands out frozen proxies.
  return JSON.parse(JSON.stringify(result)) as Record<string, unknown>;
}
