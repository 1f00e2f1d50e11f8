/**
 * Settings: window bounds, theme preference, recent files, the last export options, the update
 * consent and last check, and the share-link address, kept by electron-store (atomic writes)
 * in the user-data folder under one zod schema. A settings file that cannot be read (broken JSON, wrong shape) is moved aside and replaced by
 * defaults: settings are a convenience and must never keep the app from starting.
 */
import { existsSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { app, nativeTheme } from 'electron';
import Store from 'electron-store';
import { z } from 'zod';
import { exportOptionsSchema, shareBaseUrlSchema, THEME_PREFERENCES } from '../../shared/bridge.ts';
import type { ThemePreference } from '../../shared/bridge.ts';
import { handle } from './ipc.ts';
import { addRecent, MAX_RECENT_FILES, removeRecent } from './recent.ts';

/** Base name of the settings file in the user-data folder (electron-store adds `.json`). */
export const SETTINGS_NAME = 'settings';

/** A window's last normal (not maximized) bounds, in screen pixels. */
export const windowBoundsSchema = z.object({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().min(200).max(100_000),
  height: z.number().int().min(150).max(100_000),
  /** Whether it was maximized when closed (the bounds are what un-maximize returns to). */
  maximized: z.boolean(),
});
/** See {@link windowBoundsSchema}. */
export type WindowBounds = z.infer<typeof windowBoundsSchema>;

/** Whether the user lets the app look for updates once a day; `unasked` until the first run asks. */
export const UPDATE_CONSENTS = ['unasked', 'yes', 'no'] as const;
/** See {@link UPDATE_CONSENTS}. */
export type UpdateConsent = (typeof UPDATE_CONSENTS)[number];

/** How an update check ended. */
export const updateResultSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('up-to-date') }),
  z.object({ kind: z.literal('available'), version: z.string().min(1).max(64) }),
  z.object({ kind: z.literal('failed'), message: z.string().max(500) }),
]);
/** See {@link updateResultSchema}. */
export type UpdateResult = z.infer<typeof updateResultSchema>;

/** The last update check: when (ms since the epoch) and how it ended. */
export const updateCheckSchema = z.object({
  at: z.number().int().min(0),
  result: updateResultSchema,
});
/** See {@link updateCheckSchema}. */
export type UpdateCheck = z.infer<typeof updateCheckSchema>;

/** Everything stored, one field per key of the settings file. */
export const settingsSchema = z.object({
  windowBounds: windowBoundsSchema.nullable(),
  theme: z.enum(THEME_PREFERENCES),
  /** Absolute paths, most recent first. */
  recentFiles: z.array(z.string().min(1).max(4096)).max(MAX_RECENT_FILES),
  lastExportOptions: exportOptionsSchema.nullable(),
  updateConsent: z.enum(UPDATE_CONSENTS),
  /** Kept across restarts so the app checks at most once a day however often it starts. */
  lastUpdateCheck: updateCheckSchema.nullable(),
  /** The public web build's address desktop share links open in (http/https), or ''. */
  shareBaseUrl: shareBaseUrlSchema,
});
/** See {@link settingsSchema}. */
export type SettingsData = z.infer<typeof settingsSchema>;

/** Settings of a first start (and what a damaged field falls back to). */
export const DEFAULT_SETTINGS: Readonly<SettingsData> = Object.freeze({
  windowBounds: null,
  theme: 'system',
  recentFiles: [],
  lastExportOptions: null,
  updateConsent: 'unasked',
  lastUpdateCheck: null,
  shareBaseUrl: '',
});

/** The part of electron-store that {@link Settings} uses; tests substitute a plain object. */
export interface SettingsBackend {
  /** The whole stored object; electron-store throws here if the file went bad meanwhile. */
  readonly store: unknown;
  set(key: string, value: unknown): void;
}

type Key = keyof SettingsData;
const KEYS = Object.keys(settingsSchema.shape) as Key[];

/** Typed, validated access to the settings, with change notification (menu, theme). */
export class Settings {
  readonly #backend: SettingsBackend;
  readonly #listeners = new Set<(data: SettingsData) => void>();
  readonly #platform: string;

  constructor(backend: SettingsBackend, platform: string = process.platform) {
    this.#backend = backend;
    this.#platform = platform;
  }

  /** Current settings; any field that does not pass the schema reads as its default. */
  get(): SettingsData {
    let raw: unknown;
    try {
      raw = this.#backend.store;
    } catch (error) {
      console.warn(`[settings] could not read settings, using defaults: ${String(error)}`);
      raw = {};
    }
    const record = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
    const data = { ...DEFAULT_SETTINGS } as Record<Key, unknown>;
    for (const key of KEYS) {
      const parsed = settingsSchema.shape[key].safeParse(record[key]);
      if (parsed.success) data[key] = parsed.data;
    }
    return data as SettingsData;
  }

  /**
   * Validates and stores the given fields. Throws on a value outside the schema (a bug, not
   * a user error); a failing disk is logged and the change is still announced, since the
   * session can go on with it in memory.
   */
  update(patch: Partial<SettingsData>): SettingsData {
    const next = settingsSchema.parse({ ...this.get(), ...patch });
    for (const key of Object.keys(patch) as Key[]) {
      try {
        this.#backend.set(key, next[key]);
      } catch (error) {
        console.warn(`[settings] could not save ${key}: ${String(error)}`);
      }
    }
    for (const listener of this.#listeners) listener(next);
    return next;
  }

  /** Calls `listener` after every update; returns the unsubscribe function. */
  onChange(listener: (data: SettingsData) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Puts `path` at the top of Open Recent. */
  addRecentFile(path: string): void {
    this.update({ recentFiles: addRecent(this.get().recentFiles, path, this.#platform) });
  }

  /** Drops `path` from Open Recent. */
  removeRecentFile(path: string): void {
    this.update({ recentFiles: removeRecent(this.get().recentFiles, path, this.#platform) });
  }

  /** Empties Open Recent. */
  clearRecentFiles(): void {
    this.update({ recentFiles: [] });
  }
}

/** A backend that keeps settings in memory only: the last resort when the disk refuses. */
export function memoryBackend(initial: Partial<SettingsData> = {}): SettingsBackend {
  const store: Record<string, unknown> = { ...DEFAULT_SETTINGS, ...initial };
  return {
    get store() {
      return { ...store };
    },
    set(key, value) {
      store[key] = value;
    },
  };
}

/** File-system calls used to move a bad settings file aside. */
export interface RecoveryFs {
  existsSync(path: string): boolean;
  renameSync(from: string, to: string): void;
}

/** How {@link openSettingsBackend} ended. */
export interface OpenedSettings {
  backend: SettingsBackend;
  /** Where a damaged settings file was moved, or null when none was. */
  backupPath: string | null;
  /** True when settings live in memory only for this session. */
  inMemory: boolean;
}

/**
 * Opens the settings store in `dir`. When it throws (electron-store throws on broken JSON and
 * on schema violations), the file is renamed to `settings.corrupt-<time>.json` and a fresh
 * store is opened; if even that fails, settings live in memory for this session.
 */
export function openSettingsBackend(options: {
  dir: string;
  create: (dir: string) => SettingsBackend;
  fs?: RecoveryFs;
  now?: () => Date;
}): OpenedSettings {
  const { dir, create, fs = { existsSync, renameSync }, now = () => new Date() } = options;
  try {
    return { backend: create(dir), backupPath: null, inMemory: false };
  } catch (error) {
    console.warn(`[settings] settings file unreadable, resetting it: ${String(error)}`);
  }
  const file = join(dir, `${SETTINGS_NAME}.json`);
  let backupPath: string | null = null;
  try {
    if (fs.existsSync(file)) {
      const stamp = now().toISOString().replace(/[:.]/g, '-');
      backupPath = join(dir, `${SETTINGS_NAME}.corrupt-${stamp}.json`);
      fs.renameSync(file, backupPath);
    }
    return { backend: create(dir), backupPath, inMemory: false };
  } catch (error) {
    console.warn(`[settings] cannot store settings on disk this session: ${String(error)}`);
    return { backend: memoryBackend(), backupPath, inMemory: true };
  }
}

/** electron-store's `schema` option: the JSON Schema of each field, generated from zod. */
export function storeSchema(): Record<string, unknown> {
  const json = z.toJSONSchema(settingsSchema, { target: 'draft-7' }) as {
    properties: Record<string, unknown>;
  };
  return json.properties;
}

/** The real backend: electron-store in `dir`. */
export function createElectronStore(dir: string): SettingsBackend {
  return new Store<SettingsData>({
    name: SETTINGS_NAME,
    cwd: dir,
    // Ours is the schema of record; electron-store checks it again on every read and write.
    schema: storeSchema() as never,
    defaults: { ...DEFAULT_SETTINGS },
    clearInvalidConfig: false,
  }) as unknown as SettingsBackend;
}

function applyTheme(theme: ThemePreference): void {
  nativeTheme.themeSource = theme;
}

/**
 * Opens the settings, applies the theme preference to native UI, and answers the renderer's
 * preference requests. Returns the settings for the other setups.
 */
export function setupSettings(): Settings {
  const opened = openSettingsBackend({ dir: app.getPath('userData'), create: createElectronStore });
  if (opened.backupPath) {
    console.warn(`[settings] the damaged settings file was kept as ${opened.backupPath}`);
  }
  const settings = new Settings(opened.backend);
  applyTheme(settings.get().theme);
  settings.onChange((data) => applyTheme(data.theme));

  handle('getPreferences', () => {
    const data = settings.get();
    return {
      theme: data.theme,
      lastExportOptions: data.lastExportOptions,
      shareBaseUrl: data.shareBaseUrl === '' ? null : data.shareBaseUrl,
    };
  });
  handle('setThemePreference', ({ theme }) => {
    settings.update({ theme });
  });
  handle('setExportOptions', ({ options }) => {
    settings.update({ lastExportOptions: options });
  });
  handle('setShareBaseUrl', ({ url }) => {
    settings.update({ shareBaseUrl: url });
  });
  return settings;
}
