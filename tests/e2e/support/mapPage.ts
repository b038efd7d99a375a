import type { Page } from 'playwright-core';

// Helpers that run code in the page against the app's test hooks (`window.__tapak`, web/src/testHooks.ts).
// Apart from harness.ts because they need the DOM types, which the benchmarks that share harness.ts do not
// compile with.

/** Waits until the app says it is ready and the map has stopped moving and finished drawing. */
export async function waitForSettledMap(page: Page): Promise<void> {
  await page.waitForFunction(() => window.__tapak?.ready === true, null, { timeout: 30_000 });
  await page.waitForFunction(() => window.__tapak?.map?.isMoving() === false);
  await page.evaluate(() => window.__tapak?.whenIdle());
}

/** Where a lon/lat is on the page (page coordinates), to click or drag the map there. */
export function screenPoint(page: Page, [lon, lat]: [number, number]): Promise<{ x: number; y: number }> {
  return page.evaluate(
    ([x, y]) => {
      const map = window.__tapak?.map;
      if (!map) throw new Error('no map');
      const p = map.project([x as number, y as number]);
      const box = map.getCanvas().getBoundingClientRect();
      return { x: box.left + p.x, y: box.top + p.y };
    },
    [lon, lat],
  );
}
