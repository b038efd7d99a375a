import { fasosFasumSchema, kibASchema, parcelAttributeNames } from '@tapak/core/contracts/parcel';
import type { ProblemError } from '../api/types.ts';
import type { Locale } from '../i18n/i18n.tsx';
import type { ImportDefaults } from './importApi.ts';
import type { ImportPreview } from './importTypes.ts';

// The column mapping and defaults of a parcel import, as plain data the dialog edits: which file field feeds
// which parcel attribute (each attribute from one field at most, as the server demands), and the values a
// blank field falls back to.

/** File field → parcel attribute ("kib_a.hak" for nested ones), null = not imported. */
export type Mapping = Record<string, string | null>;

/**
 * What a planner can map a field onto, from the core's parcel contract: every attribute a planner enters,
 * with the KIB A and fasos-fasum groups opened into their fields (the server measures and judges the rest).
 */
export function contractTargets(): string[] {
  const nested: Record<string, readonly string[]> = {
    kib_a: kibASchema.keyof().options,
    fasos_fasum: fasosFasumSchema.keyof().options,
  };
  return parcelAttributeNames.flatMap((name) => (nested[name] ?? [null]).map((key) => (key ? `${name}.${key}` : name)));
}

/** The contract's targets that this server accepts (its preview lists them), in the contract's order. */
export function targetOptions(serverTargets: readonly string[]): string[] {
  const accepted = new Set(serverTargets);
  return contractTargets().filter((target) => accepted.has(target));
}

/** The server's suggestion, keeping only targets that can be chosen and each target once. */
export function initialMapping(preview: Pick<ImportPreview, 'fields' | 'mapping_suggestion' | 'targets'>): Mapping {
  const options = new Set(targetOptions(preview.targets));
  let mapping: Mapping = Object.fromEntries(preview.fields.map((field) => [field.name, null]));
  for (const [field, target] of Object.entries(preview.mapping_suggestion)) {
    if (field in mapping && target && options.has(target)) mapping = assignTarget(mapping, field, target);
  }
  return mapping;
}

/**
 * Maps `field` onto `target`. A target already fed by another field moves to this one (the other field is
 * no longer imported), so the mapping the dialog sends is always one the server accepts.
 */
export function assignTarget(mapping: Mapping, field: string, target: string | null): Mapping {
  const next: Mapping = {};
  for (const [name, current] of Object.entries(mapping)) {
    next[name] = name === field ? target : target !== null && current === target ? null : current;
  }
  if (!(field in next)) next[field] = target;
  return next;
}

/** How many fields are imported. */
export function mappedCount(mapping: Mapping): number {
  return Object.values(mapping).filter((target) => target !== null).length;
}

/** The defaults as the form holds them: '' = no default (the parcel contract's own default applies). */
export type DefaultsForm = {
  source: string;
  owner_class: string;
  legal_status: string;
  status: string;
  /** Comma-separated, as in the parcel form. */
  tags: string;
};

export const EMPTY_DEFAULTS: DefaultsForm = { source: '', owner_class: '', legal_status: '', status: '', tags: '' };

/** The commit's `defaults`, or undefined when the planner set none. */
export function defaultsBody(form: DefaultsForm): ImportDefaults | undefined {
  const body: Record<string, unknown> = {};
  if (form.source) body.source = form.source;
  if (form.owner_class) body.owner_class = form.owner_class;
  if (form.legal_status) body.legal_status = form.legal_status;
  if (form.status) body.status = form.status;
  const tags = [
    ...new Set(
      form.tags
        .split(',')
        .map((tag) => tag.trim())
        .filter(Boolean),
    ),
  ];
  if (tags.length > 0) body.tags = tags;
  return Object.keys(body).length > 0 ? (body as ImportDefaults) : undefined;
}

/** One line of the error list: which feature (and spreadsheet row) and why. */
export type ErrorRow = { feature: number | null; row: number | null; message: string };

const LABELS: Record<Locale, RegExp> = {
  id: /^Fitur (\d+)(?: \(baris (\d+)\))?: /,
  en: /^Feature (\d+)(?: \(row (\d+)\))?: /,
};

/**
 * The errors of a refused commit (422 or 403) as rows. The server prefixes each message with the feature
 * and row ("Fitur 3 (baris 4): …"); they become columns, so a long list reads like the spreadsheet.
 */
export function commitErrorRows(errors: readonly ProblemError[], locale: Locale): ErrorRow[] {
  return errors.map((error) => {
    const text = error.message[locale];
    const label = LABELS[locale].exec(text);
    const fromPointer = /^\/features\/(\d+)/.exec(error.pointer ?? '');
    return {
      feature: label ? Number(label[1]) : fromPointer ? Number(fromPointer[1]) : null,
      row: label?.[2] ? Number(label[2]) : null,
      message: label ? text.slice(label[0].length) : text,
    };
  });
}

/** Upload progress as a whole percentage (never 100 before the last byte left). */
export function uploadPercent(fraction: number): number {
  if (!Number.isFinite(fraction) || fraction <= 0) return 0;
  return fraction >= 1 ? 100 : Math.min(99, Math.floor(fraction * 100));
}

/** Files the server can read, for the file picker (the server still detects the format from the content). */
export const ACCEPTED_FILES = [
  '.geojson',
  '.json',
  '.kml',
  '.kmz',
  '.zip',
  '.gpkg',
  '.csv',
  '.xlsx',
  'application/geo+json',
  'application/vnd.google-earth.kml+xml',
  'application/vnd.google-earth.kmz',
  'text/csv',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
].join(',');
