import type { MapMouseEvent } from 'maplibre-gl';
import { useEffect, useState } from 'react';
import { formatCoordinate } from '../i18n/format.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { useTapakMap } from './MapView.tsx';

export function CursorCoordinates() {
  const { t } = useI18n();
  const controller = useTapakMap();
  const [position, setPosition] = useState<{ lon: number; lat: number } | null>(null);

  useEffect(() => {
    if (!controller) return;
    const map = controller.map;
    let frame = 0;
    let latest: { lon: number; lat: number } | null = null;
    // One React update per frame at most, however fast the mouse moves.
    const onMove = (event: MapMouseEvent) => {
      latest = { lon: event.lngLat.lng, lat: event.lngLat.lat };
      if (frame === 0) {
        frame = requestAnimationFrame(() => {
          frame = 0;
          setPosition(latest);
        });
      }
    };
    const onOut = () => setPosition(null);
    map.on('mousemove', onMove);
    map.on('mouseout', onOut);
    return () => {
      cancelAnimationFrame(frame);
      map.off('mousemove', onMove);
      map.off('mouseout', onOut);
    };
  }, [controller]);

  if (!position) return null;
  return (
    <output className="map-card coordinates" aria-label={t.map.cursor} data-testid="cursor-coordinates">
      <span>
        {t.map.longitude} <span className="mono">{formatCoordinate(position.lon)}</span>
      </span>
      <span>
        {t.map.latitude} <span className="mono">{formatCoordinate(position.lat)}</span>
      </span>
    </output>
  );
}
