import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { NoSiteTable } from '../../src/dashboard/NoSiteTable.tsx';
import { I18nProvider } from '../../src/i18n/i18n.tsx';
import { id } from '../../src/i18n/messages.id.ts';

// Server rendering, as the other component tests: content and table semantics without a DOM emulator.
const groups = [
  {
    kecamatan_kode: '32.75.01',
    kecamatan_nama: 'Bekasi Timur',
    kelurahan: [
      { kode: '32.75.01.1003', nama: 'Aren Jaya', candidates: 0, reason: 'no_candidate' },
      { kode: '32.75.01.1002', nama: 'Duren Jaya', candidates: 1_250, reason: 'dispute' },
    ],
  },
];

function render(props: Parameters<typeof NoSiteTable>[0]) {
  return renderToStaticMarkup(
    <I18nProvider>
      <NoSiteTable {...props} />
    </I18nProvider>,
  );
}

describe('NoSiteTable', () => {
  it('lists each kelurahan under its kecamatan with the panel’s Indonesian reason', () => {
    const html = render({ groups, reasonLabel: (r) => id.detail.noSiteReasons[r] ?? r });
    expect(html).toContain('<th scope="rowgroup" colSpan="3">Kecamatan Bekasi Timur');
    expect(html).toContain('Belum ada kandidat');
    expect(html).toContain('Lahan dalam sengketa');
    // Counts in id-ID, whatever the language.
    expect(html).toContain('1.250');
    expect(html.indexOf('Aren Jaya')).toBeLessThan(html.indexOf('Duren Jaya'));
    expect(html.match(/data-testid="no-site-row"/g)).toHaveLength(2);
  });

  it('says so when every kelurahan has a site', () => {
    const html = render({ groups: [], reasonLabel: (r) => r });
    expect(html).toContain(id.dashboard.noSite.empty);
    expect(html).not.toContain('<table');
  });
});
