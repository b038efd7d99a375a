// Which view is on screen, in the link (`?view=dashboard`) so a shared or reloaded dashboard opens as the
// dashboard. The map's own URL state (urlState.ts) keeps parameters it does not know, so the two coexist.

export type AppView = 'map' | 'dashboard';
const PARAM = 'view';

export function parseView(search: string): AppView {
  return new URLSearchParams(search).get(PARAM) === 'dashboard' ? 'dashboard' : 'map';
}

/** The search string with the view set (the map, the default, leaves no parameter). */
export function serializeView(view: AppView, search: string): string {
  const params = new URLSearchParams(search);
  if (view === 'dashboard') params.set(PARAM, 'dashboard');
  else params.delete(PARAM);
  const text = params.toString();
  return text ? `?${text}` : '';
}

export function writeView(view: AppView): void {
  const search = serializeView(view, window.location.search);
  if (search === window.location.search) return;
  window.history.replaceState(window.history.state, '', `${window.location.pathname}${search}${window.location.hash}`);
}
