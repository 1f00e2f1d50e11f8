/**
 * The export dialog remembers the last choices: in the desktop app in the settings file (through
 * the bridge), in a browser in localStorage. Stored as a flat record of scalars (see
 * `flattenSettings`), read back field by field so one bad value never loses the rest.
 */
import { exportOptionsSchema } from '../../../shared/bridge.ts';
import type { DescentBridge, ExportOptions } from '../../../shared/bridge.ts';
import {
  defaultExportSettings,
  flattenSettings,
  SIZE_PRESETS,
  unflattenSettings,
} from '../../../shared/export/settings.ts';
import type { ExportSettings } from '../../../shared/export/settings.ts';

/** What the dialog shows. */
export interface DialogChoices {
  settings: ExportSettings;
  /** Last preset clicked (highlighted while the settings still match it). */
  presetId: string | null;
  /** A size preset id, or `custom`. */
  sizeId: string;
  /** PNG still: multiplier of the size (1, 2, 4). */
  scale: number;
  /** Burn in the learning curve (offered only while its tab is shown; on until turned off). */
  learningCurve: boolean;
}

/** Key of the browser's copy. */
export const STORAGE_KEY = 'descent.export.v1';

/** The size preset matching a size, or `custom`. */
export function sizeIdOf(width: number, height: number): string {
  return SIZE_PRESETS.find((p) => p.width === width && p.height === height)?.id ?? 'custom';
}

/** Choices for a first export. */
export function defaultChoices(): DialogChoices {
  const settings = defaultExportSettings();
  return {
    settings,
    presetId: 'powerpoint-1080p',
    sizeId: sizeIdOf(settings.width, settings.height),
    scale: 1,
    learningCurve: true,
  };
}

/** The record stored for `choices`. */
export function choicesToRecord(choices: DialogChoices): ExportOptions {
  return flattenSettings(choices.settings, {
    preset: choices.presetId,
    size: choices.sizeId,
    scale: choices.scale,
    learningCurve: choices.learningCurve,
  });
}

/** Choices from a stored record (defaults for anything missing or invalid). */
export function choicesFromRecord(record: Readonly<Record<string, unknown>> | null): DialogChoices {
  if (!record) return defaultChoices();
  const settings = unflattenSettings(record);
  const scale = record.scale === 2 || record.scale === 4 ? record.scale : 1;
  const sizeId =
    typeof record.size === 'string' &&
    (record.size === 'custom' || SIZE_PRESETS.some((p) => p.id === record.size))
      ? record.size
      : sizeIdOf(settings.width, settings.height);
  return {
    settings,
    presetId: typeof record.preset === 'string' ? record.preset : null,
    sizeId,
    scale,
    learningCurve: record.learningCurve !== false,
  };
}

/** Reads the last choices. */
export async function loadChoices(bridge: DescentBridge | null): Promise<DialogChoices> {
  try {
    if (bridge) return choicesFromRecord((await bridge.getPreferences()).lastExportOptions);
    const text = globalThis.localStorage?.getItem(STORAGE_KEY);
    if (!text) return defaultChoices();
    const parsed = exportOptionsSchema.safeParse(JSON.parse(text));
    return choicesFromRecord(parsed.success ? parsed.data : null);
  } catch {
    return defaultChoices();
  }
}

/** Remembers `choices` (best effort: a full disk must not stop an export). */
export function saveChoices(bridge: DescentBridge | null, choices: DialogChoices): void {
  const options = choicesToRecord(choices);
  try {
    if (bridge) void bridge.setExportOptions({ options }).catch(() => undefined);
    else globalThis.localStorage?.setItem(STORAGE_KEY, JSON.stringify(options));
  } catch {
    // Private browsing or quota: the dialog simply starts from its defaults next time.
  }
}
