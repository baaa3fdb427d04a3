// Finding the `hindsight` executable.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export type ServerLookup =
  | { kind: 'found'; path: string; from: 'setting' | 'bundled' | 'PATH' | 'cargo' }
  | { kind: 'setting-invalid'; configured: string; resolved: string }
  | { kind: 'not-found' };

const isWindows = process.platform === 'win32';

function isExecutableFile(file: string): boolean {
  try {
    if (!fs.statSync(file).isFile()) {
      return false;
    }
    if (!isWindows) {
      fs.accessSync(file, fs.constants.X_OK);
    }
    return true;
  } catch {
    return false;
  }
}

/** Expands `~` and makes a relative path absolute against `baseDir` (or the cwd). */
export function expandPath(configured: string, baseDir: string | undefined): string {
  let p = configured.trim();
  if (p === '~') {
    p = os.homedir();
  } else if (p.startsWith('~/') || p.startsWith('~\\')) {
    p = path.join(os.homedir(), p.slice(2));
  }
  if (!path.isAbsolute(p)) {
    p = path.resolve(baseDir ?? process.cwd(), p);
  }
  return p;
}

function executableNames(base: string): string[] {
  if (!isWindows) {
    return [base];
  }
  const exts = (process.env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';').filter((e) => e.length > 0);
  return [base, ...exts.map((e) => base + e.toLowerCase()), ...exts.map((e) => base + e)];
}

/** Looks for `name` in the folders of `PATH`. */
export function findOnPath(name: string, envPath: string | undefined = process.env.PATH): string | undefined {
  for (const dir of (envPath ?? '').split(path.delimiter)) {
    if (dir.length === 0) {
      continue;
    }
    for (const candidate of executableNames(name)) {
      const full = path.join(dir, candidate);
      if (isExecutableFile(full)) {
        return full;
      }
    }
  }
  return undefined;
}

/**
 * Resolves the server binary: the `hindsight.server.path` setting when set, else the binary
 * a platform package carries under `server/` of the extension (`extensionDir`), else
 * `hindsight` on `PATH`, else `~/.cargo/bin/hindsight` (where `cargo install` puts it, often
 * missing from the PATH of a desktop session).
 */
export function findServer(
  configured: string | undefined,
  baseDir: string | undefined,
  extensionDir?: string,
): ServerLookup {
  if (configured !== undefined && configured.trim().length > 0) {
    const resolved = expandPath(configured, baseDir);
    if (isExecutableFile(resolved)) {
      return { kind: 'found', path: resolved, from: 'setting' };
    }
    return { kind: 'setting-invalid', configured, resolved };
  }
  if (extensionDir !== undefined) {
    for (const candidate of executableNames(path.join(extensionDir, 'server', 'hindsight'))) {
      if (isExecutableFile(candidate)) {
        return { kind: 'found', path: candidate, from: 'bundled' };
      }
    }
  }
  const onPath = findOnPath('hindsight');
  if (onPath !== undefined) {
    return { kind: 'found', path: onPath, from: 'PATH' };
  }
  const cargoHome = process.env.CARGO_HOME ?? path.join(os.homedir(), '.cargo');
  for (const candidate of executableNames(path.join(cargoHome, 'bin', 'hindsight'))) {
    if (isExecutableFile(candidate)) {
      return { kind: 'found', path: candidate, from: 'cargo' };
    }
  }
  return { kind: 'not-found' };
}
