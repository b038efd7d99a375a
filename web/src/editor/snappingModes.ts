import { TerraDrawAngledRectangleMode, type TerraDrawMouseEvent, TerraDrawRectangleMode } from 'terra-draw';

// terra-draw's rectangle and angled-rectangle modes have no snapping option (its polygon mode does). These
// subclasses move each pointer event onto the snap target before the mode sees it, so a corner placed near a
// kelurahan boundary or another parcel lands exactly on it, as with the polygon tool.

/** The event, moved onto the snap target when one is within reach (else unchanged). */
export type EventSnapper = (event: TerraDrawMouseEvent) => TerraDrawMouseEvent;

const unchanged: EventSnapper = (event) => event;

export class SnappingRectangleMode extends TerraDrawRectangleMode {
  snap: EventSnapper = unchanged;

  override onClick(event: TerraDrawMouseEvent): void {
    super.onClick(this.snap(event));
  }

  override onMouseMove(event: TerraDrawMouseEvent): void {
    super.onMouseMove(this.snap(event));
  }

  override onDragStart(event: TerraDrawMouseEvent, setMapDraggability: (enabled: boolean) => void): void {
    super.onDragStart(this.snap(event), setMapDraggability);
  }

  override onDrag(event: TerraDrawMouseEvent, setMapDraggability: (enabled: boolean) => void): void {
    super.onDrag(this.snap(event), setMapDraggability);
  }

  override onDragEnd(event: TerraDrawMouseEvent, setMapDraggability: (enabled: boolean) => void): void {
    super.onDragEnd(this.snap(event), setMapDraggability);
  }
}

export class SnappingAngledRectangleMode extends TerraDrawAngledRectangleMode {
  snap: EventSnapper = unchanged;

  override onClick(event: TerraDrawMouseEvent): void {
    super.onClick(this.snap(event));
  }

  override onMouseMove(event: TerraDrawMouseEvent): void {
    super.onMouseMove(this.snap(event));
  }
}

/** `event` at `position` (the snap target), or `event` itself when there is none. */
export function snappedEvent(event: TerraDrawMouseEvent, position: readonly number[] | undefined): TerraDrawMouseEvent {
  if (!position || position.length < 2) return event;
  return { ...event, lng: position[0] as number, lat: position[1] as number };
}
