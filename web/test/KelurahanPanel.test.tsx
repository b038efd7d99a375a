import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { I18nProvider } from '../src/i18n/i18n.tsx';
import { KelurahanPanel } from '../src/panel/KelurahanPanel.tsx';
import { SAMPLE } from './fixtures.ts';

// Server rendering gives the markup without a DOM emulator: enough to check content and semantics.
function render(props: Partial<Parameters<typeof KelurahanPanel>[0]> = {}) {
  const noop = () => {};
  return renderToStaticMarkup(
    <I18nProvider>
      <KelurahanPanel
        features={SAMPLE}
        selected={null}
        query=""
        sort="nama"
        onlyUnqualified={false}
        onQueryChange={noop}
        onSortChange={noop}
        onOnlyUnqualifiedChange={noop}
        onSelect={noop}
        {...props}
      />
    </I18nProvider>,
  );
}

describe('KelurahanPanel', () => {
  it('lists every kelurahan under its kecamatan, in Bahasa Indonesia', () => {
    const html = render();
    expect(html.match(/class="row"/g)).toHaveLength(SAMPLE.length);
    expect(html).toContain('Bekasi Timur');
    expect(html).toContain('5 kelurahan · 3 kecamatan');
    expect(html).toContain('Belum ada lokasi memenuhi syarat');
    expect(html).toContain('tanpa batas');
  });

  it('marks the selected row and the pressed filter for assistive technology', () => {
    const html = render({ selected: '32.75.01.1003', onlyUnqualified: true });
    expect(html).toMatch(/aria-current="true" data-kode="32.75.01.1003"|data-kode="32.75.01.1003" aria-current="true"/);
    expect(html).toContain('aria-pressed="true"');
    expect(html).toContain('3 dari 5 kelurahan');
  });

  it('explains an empty search and offers a way out', () => {
    const html = render({ query: 'zzz' });
    expect(html).toContain('Tidak ada kelurahan yang cocok dengan “zzz”.');
    expect(html).toContain('Atur ulang pencarian dan saringan');
  });

  it('shows a loading state before data arrives', () => {
    expect(render({ features: null })).toContain('Memuat data kelurahan…');
  });
});
