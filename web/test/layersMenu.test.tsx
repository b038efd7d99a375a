import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { LayerSummary } from '../src/api/types.ts';
import { I18nProvider } from '../src/i18n/i18n.tsx';
import LayersMenu from '../src/layers/LayersMenu.tsx';

const layer = (id: string, kind: LayerSummary['kind'], name: string, count: number): LayerSummary => ({
  id,
  name,
  kind,
  params: {},
  feature_count: count,
  version: 1,
  created_at: '2026-01-01T00:00:00Z',
  updated_at: '2026-01-01T00:00:00Z',
});

const noop = () => {};

describe('LayersMenu', () => {
  const html = renderToStaticMarkup(
    <I18nProvider>
      <LayersMenu
        layers={[layer('a', 'flood', 'Banjir 2024', 1234), layer('b', 'sutet', 'SUTET 500 kV', 3)]}
        failed={false}
        visible={new Set(['a'])}
        onToggle={noop}
        onImport={noop}
        onReplace={noop}
        onDelete={noop}
      />
    </I18nProvider>,
  );

  it('lists each layer with an accessible toggle, its kind label and an id-ID feature count', () => {
    expect(html).toContain('aria-label="Tampilkan lapisan Banjir 2024"');
    expect(html).toContain('kawasan rawan banjir');
    expect(html).toContain('1.234 fitur');
    expect(html.match(/type="checkbox"/g)).toHaveLength(2);
    expect(html.match(/checked=""/g)).toHaveLength(1);
    expect(html).toContain('aria-label="Hapus lapisan SUTET 500 kV"');
  });

  it('has a legend entry per kind present', () => {
    const legend = html.slice(html.indexOf('Legenda lapisan'));
    expect(legend).toContain('kawasan rawan banjir');
    expect(legend).toContain('koridor SUTET');
    expect(legend).not.toContain('jalan');
  });

  it('explains an empty list', () => {
    const empty = renderToStaticMarkup(
      <I18nProvider>
        <LayersMenu
          layers={[]}
          failed={false}
          visible={new Set()}
          onToggle={noop}
          onImport={noop}
          onReplace={noop}
          onDelete={noop}
        />
      </I18nProvider>,
    );
    expect(empty).toContain('Belum ada lapisan');
  });
});
