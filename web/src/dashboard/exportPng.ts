import { type AnyChartConfig, Chart, whiteBackgroundPlugin } from './chartSetup.ts';

// A downloaded chart is read outside the app (a report, a message): it is drawn again, off screen, at a fixed
// size and twice the pixel density, with its title and the region and date written into the image, so the
// PNG is the same whatever the planner's window size and stands on its own.
const EXPORT_WIDTH_PX = 1200;
const EXPORT_HEIGHT_PX = 700;
const EXPORT_PIXEL_RATIO = 2;

export async function downloadChartPng(
  config: AnyChartConfig,
  text: { title: string; subtitle: string },
  fileName: string,
): Promise<void> {
  // Chart.js draws only on a canvas attached to the document: attach it where no one sees it.
  const host = document.createElement('div');
  host.setAttribute('aria-hidden', 'true');
  host.style.cssText = `position:fixed;left:-${EXPORT_WIDTH_PX * 2}px;top:0;pointer-events:none;`;
  const canvas = document.createElement('canvas');
  canvas.width = EXPORT_WIDTH_PX;
  canvas.height = EXPORT_HEIGHT_PX;
  host.append(canvas);
  document.body.append(host);
  let chart: Chart<'bar', Array<number | null>, string | string[]> | null = null;
  try {
    chart = new Chart(canvas, {
      ...config,
      options: {
        ...config.options,
        responsive: false,
        animation: false,
        devicePixelRatio: EXPORT_PIXEL_RATIO,
        plugins: {
          ...config.options?.plugins,
          title: {
            display: true,
            text: text.title,
            font: { size: 20, weight: 'bold' },
            padding: { top: 8, bottom: 2 },
          },
          subtitle: { display: true, text: text.subtitle, color: '#556070', padding: { bottom: 14 } },
        },
      },
      plugins: [...(config.plugins ?? []), whiteBackgroundPlugin],
    });
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
    if (!blob) throw new Error('the canvas gave no PNG');
    saveBlob(blob, fileName);
  } finally {
    chart?.destroy();
    host.remove();
  }
}

function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // The browser reads the blob after the click returns; free it once the download surely started.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
