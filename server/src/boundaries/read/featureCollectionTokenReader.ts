import { Transform, type TransformCallback } from 'node:stream';
import Assembler from 'stream-json/Assembler.js';
import { BoundaryReadError } from './errors.ts';
import { sridFromGeoJsonCrs } from './geoJsonCrs.ts';
import { type RawBoundaryFeature, WGS84_SRID } from './rawBoundaryFeature.ts';

/** A stream-json parser token with packed values (`packValues: true, streamValues: false`). */
interface JsonToken {
  name: string;
  value?: unknown;
}

/**
 * An error travelling in the feature stream. Failing the stream itself would drop the features still buffered
 * ahead of the consumer; as an item, the error arrives after them, so the consumer has seen every feature up to
 * `ordinal - 1` when it is thrown.
 */
export class ReadFailure {
  constructor(readonly error: unknown) {}
}

type Capture =
  | { purpose: 'skip'; baseDepth: number }
  | { purpose: 'crs' | 'feature'; baseDepth: number; assembler: Assembler };

/**
 * Turns the token stream of a whole GeoJSON document into features, one at a time. It plays the role of
 * stream-json's `pick({filter: 'features'})` + `streamArray()`, but also sees the top-level `type` and `crs`
 * members those filters would drop. Only one feature (or the `crs` object) is ever assembled in memory;
 * other top-level members (`bbox`, `name`, foreign members) are skipped token by token.
 */
export class FeatureCollectionTokenReader extends Transform {
  /** Features pushed so far; the next one gets `emitted + 1` as ordinal. */
  emitted = 0;
  private srid = WGS84_SRID;
  private depth = 0;
  private phase: 'start' | 'top' | 'features' | 'done' = 'start';
  private topKey: string | null = null;
  private sawFeatures = false;
  private capture: Capture | null = null;
  private failed = false;

  constructor() {
    // 16 features buffered at most between the parser and the consumer.
    super({ writableObjectMode: true, readableObjectMode: true, readableHighWaterMark: 16 });
  }

  override _transform(token: JsonToken, _encoding: BufferEncoding, callback: TransformCallback): void {
    if (!this.failed) {
      try {
        this.consume(token);
      } catch (error) {
        this.fail(error);
      }
    }
    callback();
  }

  override _flush(callback: TransformCallback): void {
    // The parser reports truncated input itself; reaching here means a complete document.
    if (this.phase !== 'done') {
      this.fail(notFeatureCollection({ id: 'dokumen tidak berisi objek', en: 'the document holds no object' }));
    }
    callback();
  }

  /** Ends the feature stream with `error` (once; later tokens are ignored). */
  fail(error: unknown): void {
    if (this.failed || this.destroyed) return;
    this.failed = true;
    this.push(new ReadFailure(error));
    this.push(null);
  }

  private consume(token: JsonToken): void {
    const opens = token.name === 'startObject' || token.name === 'startArray';
    const closes = token.name === 'endObject' || token.name === 'endArray';
    if (opens) this.depth += 1;
    else if (closes) this.depth -= 1;

    if (this.capture) {
      const capture = this.capture;
      if (capture.purpose !== 'skip') capture.assembler.consume(token as { name: string; value?: string });
      if (this.depth === capture.baseDepth) {
        this.capture = null;
        if (capture.purpose !== 'skip') this.finish(capture.purpose, capture.assembler.current);
      }
      return;
    }

    switch (this.phase) {
      case 'start':
        if (token.name !== 'startObject')
          throw notFeatureCollection({
            id: 'nilai teratasnya bukan objek',
            en: 'its top-level value is not an object',
          });
        this.phase = 'top';
        return;
      case 'top':
        if (token.name === 'keyValue') {
          this.topKey = String(token.value);
          return;
        }
        if (token.name === 'endObject') {
          this.phase = 'done';
          if (!this.sawFeatures)
            throw notFeatureCollection({ id: 'tidak ada larik "features"', en: 'it has no "features" array' });
          return;
        }
        this.topLevelValue(token, opens);
        return;
      case 'features':
        if (token.name === 'endArray') {
          this.phase = 'top';
          return;
        }
        this.begin('feature', token, opens);
        return;
      case 'done':
        // The parser (without jsonStreaming) rejects trailing values, so nothing reaches this point.
        return;
    }
  }

  private topLevelValue(token: JsonToken, opens: boolean): void {
    const key = this.topKey;
    this.topKey = null;
    if (key === 'features') {
      if (token.name !== 'startArray')
        throw notFeatureCollection({ id: '"features" bukan larik', en: '"features" is not an array' });
      this.sawFeatures = true;
      this.phase = 'features';
      return;
    }
    if (key === 'type') {
      if (token.name !== 'stringValue' || token.value !== 'FeatureCollection') {
        const shown = token.name === 'stringValue' ? `"${String(token.value)}"` : token.name;
        throw notFeatureCollection({ id: `type-nya ${shown}`, en: `its type is ${shown}` });
      }
      return;
    }
    if (key === 'crs') {
      this.begin('crs', token, opens);
      return;
    }
    if (opens) this.capture = { purpose: 'skip', baseDepth: this.depth - 1 };
  }

  private begin(purpose: 'crs' | 'feature', token: JsonToken, opens: boolean): void {
    if (!opens) {
      this.finish(purpose, scalarValue(token));
      return;
    }
    const assembler = new Assembler();
    assembler.consume(token as { name: string; value?: string });
    this.capture = { purpose, baseDepth: this.depth - 1, assembler };
  }

  private finish(purpose: 'crs' | 'feature', value: unknown): void {
    if (purpose === 'crs') {
      const srid = sridFromGeoJsonCrs(value);
      if (this.emitted > 0 && srid !== this.srid) {
        throw new BoundaryReadError(
          'crs_after_features',
          {
            id: `Anggota "crs" (EPSG:${srid}) muncul setelah ${this.emitted} fitur dibaca sebagai EPSG:${this.srid}; letakkan "crs" sebelum "features".`,
            en: `The "crs" member (EPSG:${srid}) comes after ${this.emitted} features were already read as EPSG:${this.srid}; put "crs" before "features".`,
          },
          { ordinal: this.emitted },
        );
      }
      this.srid = srid;
      return;
    }
    const ordinal = this.emitted + 1;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new BoundaryReadError(
        'invalid_feature',
        {
          id: `Fitur ke-${ordinal} bukan objek GeoJSON Feature.`,
          en: `Feature #${ordinal} is not a GeoJSON Feature object.`,
        },
        { ordinal },
      );
    }
    const { properties, geometry } = value as { properties?: unknown; geometry?: unknown };
    const feature: RawBoundaryFeature = {
      ordinal,
      properties:
        typeof properties === 'object' && properties !== null && !Array.isArray(properties)
          ? (properties as Record<string, unknown>)
          : {},
      geometry: geometry ?? null,
      srid: this.srid,
    };
    this.emitted = ordinal;
    this.push(feature);
  }
}

function scalarValue(token: JsonToken): unknown {
  switch (token.name) {
    case 'stringValue':
      return token.value;
    case 'numberValue':
      return Number(token.value);
    case 'trueValue':
      return true;
    case 'falseValue':
      return false;
    default:
      return null;
  }
}

function notFeatureCollection(reason: { id: string; en: string }): BoundaryReadError {
  return new BoundaryReadError('not_feature_collection', {
    id: `Berkas GeoJSON harus berupa FeatureCollection, tetapi ${reason.id}. Feature tunggal atau geometri saja tidak didukung.`,
    en: `The GeoJSON file must be a FeatureCollection, but ${reason.en}. A single Feature or a bare geometry is not supported.`,
  });
}
