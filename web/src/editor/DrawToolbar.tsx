import type { ReactNode } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import type { DrawingMode, DrawTool } from './drawing.ts';
import { icons } from './icons.tsx';

type Props = {
  mode: DrawingMode;
  canUndo: boolean;
  canRedo: boolean;
  loading: boolean;
  onTool: (tool: DrawTool) => void;
  onCoordinates: () => void;
  onGps: () => void;
  onUndo: () => void;
  onRedo: () => void;
  onDeleteVertex: () => void;
  onCancel: () => void;
  /** Why this user may not draw parcels (core access rule, in the UI language); null when allowed. */
  drawRefusal?: string | null;
};

function ToolButton(props: {
  label: string;
  shortcut?: string;
  icon: ReactNode;
  pressed?: boolean;
  disabled?: boolean;
  onClick: () => void;
  testId: string;
  compact?: boolean;
  /** Shown as the tooltip of a button disabled by an access rule. */
  refusal?: string | null | undefined;
}) {
  const { t } = useI18n();
  const title = props.shortcut ? `${props.label} (${props.shortcut})` : props.label;
  return (
    <button
      type="button"
      className={props.compact ? 'tool tool-compact' : 'tool'}
      aria-pressed={props.pressed}
      aria-keyshortcuts={props.shortcut?.replace('Ctrl', 'Control')}
      title={props.refusal ?? (props.shortcut ? `${title} · ${t.draw.shortcut(props.shortcut)}` : title)}
      aria-label={props.label}
      disabled={props.disabled || Boolean(props.refusal)}
      onClick={props.onClick}
      data-testid={props.testId}
    >
      {props.icon}
      {!props.compact && <span className="tool-label">{props.label}</span>}
    </button>
  );
}

/** Drawing tools over the map's top-left corner; every button has a keyboard shortcut. */
export function DrawToolbar(props: Props) {
  const { t } = useI18n();
  const drawing = props.mode !== 'idle' && props.mode !== 'edit';
  return (
    <div className="map-card draw-toolbar" role="toolbar" aria-label={t.draw.toolbar} data-testid="draw-toolbar">
      <ToolButton
        label={t.draw.polygon}
        shortcut="P"
        icon={icons.polygon}
        pressed={props.mode === 'polygon'}
        onClick={() => props.onTool('polygon')}
        refusal={props.drawRefusal}
        testId="tool-polygon"
      />
      <ToolButton
        label={t.draw.rectangle}
        shortcut="R"
        icon={icons.rectangle}
        pressed={props.mode === 'rectangle'}
        onClick={() => props.onTool('rectangle')}
        refusal={props.drawRefusal}
        testId="tool-rectangle"
      />
      <ToolButton
        label={t.draw.angledRectangle}
        shortcut="A"
        icon={icons.angledRectangle}
        pressed={props.mode === 'angled-rectangle'}
        onClick={() => props.onTool('angled-rectangle')}
        refusal={props.drawRefusal}
        testId="tool-angled-rectangle"
      />
      <span className="tool-sep" aria-hidden="true" />
      <ToolButton
        label={t.draw.coordinates}
        shortcut="K"
        icon={icons.coordinates}
        onClick={props.onCoordinates}
        refusal={props.drawRefusal}
        testId="tool-coordinates"
      />
      <ToolButton
        label={t.draw.gps}
        icon={icons.gps}
        onClick={props.onGps}
        refusal={props.drawRefusal}
        testId="tool-gps"
      />
      <span className="tool-sep" aria-hidden="true" />
      <ToolButton
        label={t.draw.undo}
        shortcut="Ctrl+Z"
        icon={icons.undo}
        disabled={!props.canUndo}
        onClick={props.onUndo}
        testId="tool-undo"
        compact
      />
      <ToolButton
        label={t.draw.redo}
        shortcut="Ctrl+Y"
        icon={icons.redo}
        disabled={!props.canRedo}
        onClick={props.onRedo}
        testId="tool-redo"
        compact
      />
      <ToolButton
        label={t.draw.deleteVertex}
        shortcut="Delete"
        icon={icons.deleteVertex}
        disabled={props.mode !== 'edit'}
        onClick={props.onDeleteVertex}
        testId="tool-delete-vertex"
        compact
      />
      {drawing && (
        <ToolButton
          label={t.draw.cancel}
          shortcut="Esc"
          icon={icons.close}
          onClick={props.onCancel}
          testId="tool-cancel"
          compact
        />
      )}
      {props.loading && <span className="spinner tool-spinner" role="status" aria-label={t.draw.loading} />}
    </div>
  );
}
