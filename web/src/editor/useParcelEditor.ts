import type { GeometryProblem } from '@tapak/core';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ApiError, api } from '../api/client.ts';
import type { Assessment, Criteria, ParcelAttributes, ParcelFeature, ParcelGeometry, Problem } from '../api/types.ts';
import { canRedo, canUndo, createHistory, type History, pushHistory, redo, undo } from '../domain/history.ts';
import { assignKelurahan, type KelurahanIndex } from '../domain/kelurahanAssign.ts';
import {
  attributesFromForm,
  attributesOf,
  attributesPatch,
  emptyForm,
  type FormErrors,
  formFromAttributes,
  type ParcelForm,
  sameForm,
  sameValue,
} from '../domain/parcelForm.ts';
import { SnapIndex } from '../domain/snapIndex.ts';
import type { TapakMap } from '../map/controller.ts';
import type { DrawingController, DrawingMode, DrawTool } from './drawing.ts';
import { editableGeometry } from './multipart.ts';

type Engine = typeof import('./engine.ts');

let enginePromise: Promise<Engine> | null = null;
/** terra-draw and the core's rules arrive on first use: the first screen does not wait for them. */
export function loadEngine(): Promise<Engine> {
  enginePromise ??= import('./engine.ts').catch((error: unknown) => {
    enginePromise = null;
    throw error;
  });
  return enginePromise;
}

export type EditorSession = {
  kind: 'new' | 'existing';
  parcel: ParcelFeature | null;
  etag: string | null;
  form: ParcelForm;
  baseForm: ParcelForm;
  history: History<ParcelGeometry | null>;
  baseGeometry: ParcelGeometry | null;
  /** The planner typed a name; until then a new parcel is named after its kelurahan. */
  nameTouched: boolean;
};

/** What the panel and the map show about the parcel's geometry and verdict right now. */
export type AssessmentView = {
  /** none: no geometry; sketch: a shape under way; live: computed here; server: /api/analyze; saved: stored. */
  source: 'none' | 'sketch' | 'live' | 'server' | 'saved';
  area_m2: number | null;
  assessment: Assessment | null;
  /** Why the geometry is refused (validateAreaGeometry), with where. */
  problems: GeometryProblem[];
  /** What the server said about a geometry it refused (e.g. outside the region). */
  serverProblem: Problem | null;
};

export type SaveOutcome =
  | { ok: true; parcel: ParcelFeature }
  | { ok: false; kind: 'form'; errors: FormErrors }
  | { ok: false; kind: 'conflict' }
  | { ok: false; kind: 'problem'; error: ApiError };

type Options = {
  controller: TapakMap | null;
  kelurahanIndex: KelurahanIndex;
  /** Rings other parcels snap to. */
  parcels: readonly ParcelFeature[];
  /** After a save or delete: the lists and counts must be read again. */
  onChanged: () => void;
};

const EMPTY_VIEW: AssessmentView = {
  source: 'none',
  area_m2: null,
  assessment: null,
  problems: [],
  serverProblem: null,
};
const LIVE_INTERVAL_MS = 80;
const ANALYZE_DELAY_MS = 500;

function savedAssessment(parcel: ParcelFeature): Assessment {
  const p = parcel.properties;
  const width = p.checks.find((c) => c.id === 'min_width')?.value;
  return {
    area_m2: p.area_m2,
    kelurahan: { kode: p.kelurahan_kode, nama: p.kelurahan_nama },
    crosses_border: p.crosses_border,
    kelurahan_outside_ratio: p.kelurahan_outside_ratio,
    fits_prototype: p.fits_prototype,
    footprint: p.footprint,
    footprint_rotation_deg: p.footprint_rotation_deg,
    footprint_slack_m: p.footprint_slack_m,
    min_width_m: typeof width === 'number' ? width : null,
    checks: p.checks,
    qualifies: p.qualifies,
    verdict: p.verdict,
    score: p.score,
  };
}

function sameGeometry(a: ParcelGeometry | null, b: ParcelGeometry | null): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  // A saved MultiPolygon of one part and the Polygon being edited are the same shape.
  const pa = editableGeometry(a) ?? a;
  const pb = editableGeometry(b) ?? b;
  return sameValue(pa, pb);
}

function ringsOf(geometry: MultiPolygon | Polygon): Position[][] {
  return geometry.type === 'Polygon' ? geometry.coordinates : geometry.coordinates.flat();
}

function newSession(): EditorSession {
  const form = emptyForm('');
  return {
    kind: 'new',
    parcel: null,
    etag: null,
    form,
    baseForm: form,
    history: createHistory<ParcelGeometry | null>(null),
    baseGeometry: null,
    nameTouched: false,
  };
}

export function sessionDirty(session: EditorSession | null): boolean {
  if (!session) return false;
  if (session.kind === 'new') return session.history.present !== null || !sameForm(session.form, session.baseForm);
  return !sameForm(session.form, session.baseForm) || !sameGeometry(session.history.present, session.baseGeometry);
}

export function useParcelEditor({ controller, kelurahanIndex, parcels, onChanged }: Options) {
  const [session, setSession] = useState<EditorSession | null>(null);
  const [mode, setMode] = useState<DrawingMode>('idle');
  const [engine, setEngine] = useState<Engine | null>(null);
  const [engineError, setEngineError] = useState(false);
  const [criteria, setCriteria] = useState<Criteria | null>(null);
  const [sketch, setSketch] = useState<Polygon | null>(null);
  /** The shape while a vertex is being dragged (not yet an undo step): the whole parcel, every part and hole. */
  const [dragging, setDragging] = useState<ParcelGeometry | null>(null);
  const [live, setLive] = useState<AssessmentView>(EMPTY_VIEW);
  const [analysis, setAnalysis] = useState<{ key: string; result: Assessment | null; problem: Problem | null } | null>(
    null,
  );
  const [saving, setSaving] = useState(false);
  const drawingRef = useRef<DrawingController | null>(null);
  const sessionRef = useRef(session);
  sessionRef.current = session;
  const lastLiveRun = useRef(0);

  /** The drawing controller is created by an effect once the engine and the map are there. */
  const waitForDrawing = useCallback(async (): Promise<DrawingController | null> => {
    for (let i = 0; i < 120 && !drawingRef.current; i++) await new Promise((resolve) => setTimeout(resolve, 25));
    return drawingRef.current;
  }, []);

  const ensureEngine = useCallback(async (): Promise<Engine | null> => {
    try {
      const loaded = await loadEngine();
      setEngine(loaded);
      setEngineError(false);
      return loaded;
    } catch (error) {
      console.error(error);
      setEngineError(true);
      return null;
    }
  }, []);

  // Criteria in force, for the live verdict: the server's, else the defaults shipped with the app.
  useEffect(() => {
    if (!engine || criteria) return;
    const abort = new AbortController();
    api
      .criteria(abort.signal)
      .then((response) => setCriteria(response.criteria))
      .catch(async (error: unknown) => {
        if (error instanceof DOMException && error.name === 'AbortError') return;
        setCriteria(await engine.defaultCriteria());
      });
    return () => abort.abort();
  }, [engine, criteria]);

  // One terra-draw instance per map, created once the engine is here.
  useEffect(() => {
    if (!engine || !controller) return;
    const drawing = new engine.DrawingController(controller.map, {
      onSketch: (geometry) => setSketch(geometry),
      onFinish: (geometry) => {
        setSketch(null);
        setSession((current) => {
          const base = current ?? newSession();
          return { ...base, history: pushHistory(base.history, geometry, sameGeometry) };
        });
      },
      onEdit: (geometry, committed) => {
        if (!committed) {
          setDragging(geometry);
          return;
        }
        setDragging(null);
        setSession((current) =>
          current ? { ...current, history: pushHistory(current.history, geometry, sameGeometry) } : current,
        );
      },
      onModeChange: (next) => setMode(next),
    });
    drawingRef.current = drawing;
    return () => {
      drawing.destroy();
      drawingRef.current = null;
      setMode('idle');
    };
  }, [engine, controller]);

  // Snapping targets: kelurahan boundaries and every other parcel.
  const editingId = session?.parcel?.id ?? null;
  useEffect(() => {
    const drawing = drawingRef.current;
    if (!drawing || mode === 'idle') return;
    const rings: Position[][] = [];
    for (const k of kelurahanIndex) rings.push(...ringsOf(k.geometry));
    for (const p of parcels) if (p.id !== editingId) rings.push(...ringsOf(p.geometry));
    drawing.setSnapIndex(new SnapIndex(rings));
  }, [kelurahanIndex, parcels, editingId, mode]);

  // The map: hide the stored shape of a parcel whose boundary is being edited, and keep clicks for drawing.
  useEffect(() => {
    controller?.setHiddenParcel(mode === 'edit' && editingId ? editingId : null);
    controller?.setSelectionEnabled(mode === 'idle');
  }, [controller, mode, editingId]);

  const geometry = dragging ?? session?.history.present ?? null;
  const formResult = useMemo(() => (session ? attributesFromForm(session.form) : null), [session]);
  /** What the live verdict reads: the form as it stands, even while a field is still invalid. */
  const attributes: Partial<ParcelAttributes> = useMemo(() => {
    if (!session) return {};
    if (formResult?.ok) return formResult.attributes;
    const f = session.form;
    return {
      owner_class: f.owner_class === '' ? null : f.owner_class,
      legal_status: f.legal_status === '' ? null : f.legal_status,
      is_vacant: f.is_vacant === '' ? null : f.is_vacant === 'yes',
      fasos_fasum: f.fasos_fasum.handover_status === '' ? {} : { handover_status: f.fasos_fasum.handover_status },
    };
  }, [session, formResult]);
  const dirty = sessionDirty(session);
  /** A drawing tool is active: what is shown is the shape under way (or nothing yet), not the previous one. */
  const sketching = mode !== 'edit' && mode !== 'idle';

  // The live verdict, at most every 80 ms however fast the mouse moves.
  useEffect(() => {
    const target: ParcelGeometry | null = sketching ? sketch : geometry;
    if (!target) {
      setLive(sketching ? { ...EMPTY_VIEW, source: 'sketch' } : EMPTY_VIEW);
      return;
    }
    if (!engine || !criteria) return;
    const wait = Math.max(0, lastLiveRun.current + LIVE_INTERVAL_MS - performance.now());
    const timer = setTimeout(() => {
      lastLiveRun.current = performance.now();
      const source = sketching ? 'sketch' : 'live';
      if (sketching && engine.sketchArea(sketch as Polygon) === 0) {
        setLive({ ...EMPTY_VIEW, source, area_m2: 0 });
        return;
      }
      const kelurahan = assignKelurahan(target, kelurahanIndex);
      const result = engine.liveAssessment(target, attributes, criteria, kelurahan);
      setLive(
        result.valid
          ? {
              source,
              area_m2: result.assessment.area_m2,
              assessment: result.assessment,
              problems: [],
              serverProblem: null,
            }
          : { source, area_m2: result.area_m2, assessment: null, problems: result.problems, serverProblem: null },
      );
    }, wait);
    return () => clearTimeout(timer);
  }, [engine, criteria, sketching, sketch, geometry, attributes, kelurahanIndex]);

  // Once the shape rests, the server judges it too (its kelurahan from PostGIS, its criteria version).
  const committed = session?.history.present ?? null;
  const analyzeKey = committed && dirty ? JSON.stringify([committed, attributes]) : null;
  useEffect(() => {
    if (!analyzeKey || !committed || dragging) return;
    const abort = new AbortController();
    const timer = setTimeout(() => {
      api
        .analyze(committed, attributes, abort.signal)
        .then((result) => setAnalysis({ key: analyzeKey, result, problem: null }))
        .catch((error: unknown) => {
          // A 401 says who is asking, not what is wrong with the shape: the session provider (auth/) asks to
          // log in again, and the shape must stay savable afterwards.
          if (error instanceof ApiError && error.problem && error.status !== 401)
            setAnalysis({ key: analyzeKey, result: null, problem: error.problem });
        });
    }, ANALYZE_DELAY_MS);
    return () => {
      clearTimeout(timer);
      abort.abort();
    };
  }, [analyzeKey, committed, attributes, dragging]);

  const view: AssessmentView = useMemo(() => {
    if (!session && !sketching) return EMPTY_VIEW;
    if (sketching) return live.source === 'sketch' ? live : { ...EMPTY_VIEW, source: 'sketch' };
    if (!geometry) return EMPTY_VIEW;
    if (session?.kind === 'existing' && session.parcel && !dirty && !dragging) {
      const assessment = savedAssessment(session.parcel);
      return { source: 'saved', area_m2: assessment.area_m2, assessment, problems: [], serverProblem: null };
    }
    if (analysis && analysis.key === analyzeKey && !dragging) {
      if (analysis.result) {
        return {
          source: 'server',
          area_m2: analysis.result.area_m2,
          assessment: analysis.result,
          problems: [],
          serverProblem: null,
        };
      }
      if (analysis.problem && live.source === 'live') return { ...live, serverProblem: analysis.problem };
    }
    return live.source === 'live' ? live : EMPTY_VIEW;
  }, [session, sketching, live, geometry, dirty, dragging, analysis, analyzeKey]);

  // The placed building and any refused vertex, on the map.
  useEffect(() => {
    controller?.setFootprint((view.assessment?.footprint as Polygon | null | undefined) ?? null);
    controller?.setProblemPoints(view.problems.flatMap((p) => (p.position ? [p.position] : [])));
  }, [controller, view]);

  // ---- actions ----

  const startDrawing = useCallback(
    async (tool: DrawTool) => {
      if (!(await ensureEngine())) return;
      const drawing = await waitForDrawing();
      if (!drawing) return;
      setSession((current) => (current?.kind === 'new' ? current : newSession()));
      setDragging(null);
      drawing.startDrawing(tool);
    },
    [ensureEngine, waitForDrawing],
  );

  /**
   * Opens a stored parcel in the panel. With the ETag of a read just made (a click on the map or a list reads the
   * parcel fresh) it is used as it is; without one (re-opening what the panel held, after a layer change or a
   * discard) the panel shows it at once and reads it again for the current version.
   */
  const openParcel = useCallback(
    async (parcel: ParcelFeature, freshEtag?: string) => {
      drawingRef.current?.clear();
      setDragging(null);
      setSketch(null);
      const form = formFromAttributes(attributesOf(parcel.properties));
      setSession({
        kind: 'existing',
        parcel,
        etag: freshEtag ?? `"v${parcel.properties.version}"`,
        form,
        baseForm: form,
        history: createHistory<ParcelGeometry | null>(parcel.geometry),
        baseGeometry: parcel.geometry,
        nameTouched: true,
      });
      void ensureEngine();
      if (freshEtag) return;
      try {
        const fresh = await api.parcel(parcel.id);
        setSession((current) => {
          if (!current || current.parcel?.id !== parcel.id || sessionDirty(current)) return current;
          const freshForm = formFromAttributes(attributesOf(fresh.data.properties));
          return {
            ...current,
            parcel: fresh.data,
            etag: fresh.etag,
            form: freshForm,
            baseForm: freshForm,
            history: createHistory<ParcelGeometry | null>(fresh.data.geometry),
            baseGeometry: fresh.data.geometry,
          };
        });
      } catch (error) {
        console.warn('parcel reload failed', error);
      }
    },
    [ensureEngine],
  );

  const close = useCallback(() => {
    drawingRef.current?.clear();
    setSketch(null);
    setDragging(null);
    setSession(null);
    setAnalysis(null);
  }, []);

  const editGeometry = useCallback(async () => {
    const editable = editableGeometry(sessionRef.current?.history.present ?? null);
    if (!editable) return;
    if (!(await ensureEngine())) return;
    (await waitForDrawing())?.edit(editable);
  }, [ensureEngine, waitForDrawing]);

  /** Leaves vertex editing when nothing changed (changes stay editable until saved or discarded). */
  const stopEditing = useCallback(() => {
    const current = sessionRef.current;
    if (current?.kind === 'existing' && sameGeometry(current.history.present, current.baseGeometry)) {
      drawingRef.current?.clear();
    }
  }, []);

  const setGeometry = useCallback(
    async (next: Polygon) => {
      if (!(await ensureEngine())) return;
      const drawing = await waitForDrawing();
      setSession((current) => {
        const base = current ?? newSession();
        return { ...base, history: pushHistory(base.history, next, sameGeometry) };
      });
      drawing?.edit(next);
    },
    [ensureEngine, waitForDrawing],
  );

  const applyHistory = useCallback((step: typeof undo) => {
    const current = sessionRef.current;
    if (!current) return;
    const history = step(current.history);
    if (history === current.history) return;
    setSession({ ...current, history });
    const editable = editableGeometry(history.present);
    const drawing = drawingRef.current;
    if (!drawing) return;
    if (editable) drawing.replace(editable);
    else drawing.clear();
  }, []);

  const undoStep = useCallback(() => {
    if (drawingRef.current?.undoPoint()) return;
    applyHistory(undo);
  }, [applyHistory]);
  const redoStep = useCallback(() => applyHistory(redo), [applyHistory]);

  /** Removes the vertex under the pointer (Delete key) or the one last moved (toolbar button). */
  const removeVertex = useCallback((source: 'pointer' | 'last' = 'pointer') => {
    const drawing = drawingRef.current;
    const geometry = source === 'last' ? drawing?.removeLastEditedVertex() : drawing?.removeVertexNearPointer();
    if (!geometry) return false;
    setSession((current) =>
      current ? { ...current, history: pushHistory(current.history, geometry, sameGeometry) } : current,
    );
    return true;
  }, []);

  const cancelSketch = useCallback(() => {
    const drawing = drawingRef.current;
    drawing?.cancelSketch();
    setSketch(null);
    const current = sessionRef.current;
    // The shape drawn before, if any, comes back; a new parcel without a shape or data has nothing to keep.
    const previous = editableGeometry(current?.history.present ?? null);
    if (previous && current?.kind === 'new') drawing?.edit(previous);
    else if (current?.kind === 'new' && current.history.present === null && sameForm(current.form, current.baseForm)) {
      setSession(null);
    }
  }, []);

  const setForm = useCallback((update: (form: ParcelForm) => ParcelForm, touchesName = false) => {
    setSession((current) =>
      current ? { ...current, form: update(current.form), nameTouched: current.nameTouched || touchesName } : current,
    );
  }, []);

  /** Names a new parcel after its kelurahan until the planner types a name. */
  const suggestName = useCallback((name: string) => {
    setSession((current) =>
      current && current.kind === 'new' && !current.nameTouched && current.form.name !== name
        ? { ...current, form: { ...current.form, name } }
        : current,
    );
  }, []);

  /** Back to what is stored (or, for a new parcel, nothing). */
  const discard = useCallback(() => {
    const current = sessionRef.current;
    if (!current) return;
    if (current.kind === 'new' || !current.parcel) {
      close();
      return;
    }
    void openParcel(current.parcel);
  }, [close, openParcel]);

  const finishSaved = useCallback(
    (saved: { data: ParcelFeature; etag: string }) => {
      drawingRef.current?.clear();
      setDragging(null);
      setSketch(null);
      const form = formFromAttributes(attributesOf(saved.data.properties));
      setSession({
        kind: 'existing',
        parcel: saved.data,
        etag: saved.etag,
        form,
        baseForm: form,
        history: createHistory<ParcelGeometry | null>(saved.data.geometry),
        baseGeometry: saved.data.geometry,
        nameTouched: true,
      });
      onChanged();
    },
    [onChanged],
  );

  /** Saves; `overwrite` sends every attribute with the server's current ETag (after the planner compared). */
  const save = useCallback(
    async (overwrite?: { etag: string; server: ParcelFeature }): Promise<SaveOutcome> => {
      const current = sessionRef.current;
      if (!current) return { ok: false, kind: 'form', errors: {} };
      const result = attributesFromForm(current.form);
      if (!result.ok) return { ok: false, kind: 'form', errors: result.errors };
      const present = current.history.present;
      setSaving(true);
      try {
        if (current.kind === 'new' || !current.parcel || !current.etag) {
          if (!present) return { ok: false, kind: 'form', errors: {} };
          const saved = await api.createParcel(present, result.attributes);
          finishSaved(saved);
          return { ok: true, parcel: saved.data };
        }
        const base = overwrite ? attributesOf(overwrite.server.properties) : attributesOf(current.parcel.properties);
        const properties = attributesPatch(base, result.attributes);
        const geometryChanged = !sameGeometry(present, overwrite ? overwrite.server.geometry : current.baseGeometry);
        const change = {
          ...(Object.keys(properties).length > 0 ? { properties } : {}),
          ...(geometryChanged && present ? { geometry: present } : {}),
        };
        const saved = await api.updateParcel(current.parcel.id, overwrite?.etag ?? current.etag, change);
        finishSaved(saved);
        return { ok: true, parcel: saved.data };
      } catch (error) {
        const apiError = error instanceof ApiError ? error : new ApiError(String(error), 0, null);
        if (apiError.status === 412) return { ok: false, kind: 'conflict' };
        return { ok: false, kind: 'problem', error: apiError };
      } finally {
        setSaving(false);
      }
    },
    [finishSaved],
  );

  const remove = useCallback(async (): Promise<
    { ok: true; parcel: ParcelFeature } | { ok: false; error: ApiError }
  > => {
    const current = sessionRef.current;
    if (!current?.parcel || !current.etag) return { ok: false, error: new ApiError('nothing to delete', 0, null) };
    try {
      await api.deleteParcel(current.parcel.id, current.etag);
      const parcel = current.parcel;
      close();
      onChanged();
      return { ok: true, parcel };
    } catch (error) {
      return { ok: false, error: error instanceof ApiError ? error : new ApiError(String(error), 0, null) };
    }
  }, [close, onChanged]);

  const restore = useCallback(
    async (id: string) => {
      const restored = await api.restoreParcel(id);
      onChanged();
      return restored.data;
    },
    [onChanged],
  );

  const rectangleAt = useCallback(
    async (lon: number, lat: number, width: number, depth: number, bearing: number) => {
      const loaded = await ensureEngine();
      if (!loaded) return;
      await setGeometry(loaded.rectangleAround(lon, lat, width, depth, bearing));
    },
    [ensureEngine, setGeometry],
  );

  return {
    session,
    mode,
    view,
    dirty,
    saving,
    sketching,
    engineError,
    formResult,
    canUndo: mode === 'polygon' || (session ? canUndo(session.history) : false),
    canRedo: session ? canRedo(session.history) : false,
    editable: editableGeometry(session?.history.present ?? null) !== null,
    /** Parts' outlines plus holes of the shape being edited: more than one, and a click picks which to edit. */
    ringCount: ringCountOf(session?.history.present ?? null),
    geometryDirty: session?.kind === 'existing' ? !sameGeometry(session.history.present, session.baseGeometry) : false,
    geometry: session?.history.present ?? null,
    ensureEngine,
    startDrawing,
    openParcel,
    close,
    editGeometry,
    stopEditing,
    setGeometry,
    rectangleAt,
    undo: undoStep,
    redo: redoStep,
    removeVertex,
    cancelSketch,
    setForm,
    suggestName,
    discard,
    save,
    remove,
    restore,
    /** Replaces the session with a version from the server (after a 412, "reload"). */
    adopt: finishSaved,
  };
}

export type ParcelEditor = ReturnType<typeof useParcelEditor>;

function ringCountOf(geometry: ParcelGeometry | null): number {
  if (!geometry) return 0;
  return geometry.type === 'Polygon' ? geometry.coordinates.length : geometry.coordinates.flat().length;
}
