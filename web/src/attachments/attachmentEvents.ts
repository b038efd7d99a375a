/**
 * Tells the map that a parcel's photos changed (upload, delete) so its photo markers reload; the panel and
 * the map share no component, only this.
 */
type Listener = (parcelId: string) => void;
const listeners = new Set<Listener>();

export function onAttachmentsChanged(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function notifyAttachmentsChanged(parcelId: string): void {
  for (const listener of listeners) listener(parcelId);
}
