import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { AttachmentsSection } from '../src/attachments/AttachmentsSection.tsx';
import { clientRefusal } from '../src/attachments/clientChecks.ts';
import { I18nProvider } from '../src/i18n/i18n.tsx';

const megabyte = 1024 * 1024;
const file = (name: string, type: string, sizeBytes: number) => ({ name, type, size: sizeBytes }) as unknown as File;

describe('clientRefusal', () => {
  it('spares uploads the server would refuse: other types and oversize files', () => {
    expect(clientRefusal(file('foto.jpg', 'image/jpeg', 3 * megabyte))).toBeNull();
    expect(clientRefusal(file('scan.pdf', 'application/pdf', 20 * megabyte))).toBeNull();
    expect(clientRefusal(file('setup.exe', 'application/x-msdownload', 1000))).toEqual({ reason: 'type' });
    expect(clientRefusal(file('besar.png', 'image/png', 16 * megabyte))).toEqual({
      reason: 'size',
      limitMegabytes: 15,
    });
    expect(clientRefusal(file('besar.pdf', '', 26 * megabyte))).toEqual({ reason: 'size', limitMegabytes: 25 });
  });
});

describe('AttachmentsSection', () => {
  const render = (writeRefusal: string | null) =>
    renderToStaticMarkup(
      <I18nProvider>
        <AttachmentsSection parcelId="9b1f4c9e-5d0a-4a43-9b4f-3f1d2a6c7e10" writeRefusal={writeRefusal} />
      </I18nProvider>,
    );

  it('offers upload and the proposal package, in Bahasa Indonesia', () => {
    const html = render(null);
    expect(html).toContain('Foto &amp; Dokumen');
    expect(html).toContain('data-testid="attachment-input"');
    expect(html).toContain('href="/api/parcels/9b1f4c9e-5d0a-4a43-9b4f-3f1d2a6c7e10/proposal.zip"');
    expect(html).toContain('Paket usulan Agrinas');
  });

  it('hides upload for a user who may not change the parcel, but keeps the download', () => {
    const html = render('Kelurahan di luar wilayah kerja Anda');
    expect(html).not.toContain('data-testid="attachment-input"');
    expect(html).toContain('Paket usulan Agrinas');
  });
});
