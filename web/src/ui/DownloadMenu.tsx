import { useEffect, useRef, useState } from 'react';
import { downloads, type ParcelFilterState } from '../domain/parcelQuery.ts';
import { icons } from '../editor/icons.tsx';
import { useI18n } from '../i18n/i18n.tsx';

type Props = { filter: ParcelFilterState; kelurahan: { kode: string; nama: string } | null };

/** Every GeoJSON download in one place: plain links to the export endpoints, named by the server. */
export function DownloadMenu({ filter, kelurahan }: Props) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const onDown = (event: PointerEvent) => {
      if (!ref.current?.contains(event.target as Node)) setOpen(false);
    };
    const onKey = (event: KeyboardEvent) => event.key === 'Escape' && setOpen(false);
    document.addEventListener('pointerdown', onDown);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', onDown);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  const items = [
    { href: downloads.filtered(filter), label: t.download.filtered, hint: t.download.filteredHint, id: 'filtered' },
    ...(kelurahan
      ? [
          {
            href: downloads.kelurahan(kelurahan.kode),
            label: t.download.kelurahan(kelurahan.nama),
            hint: '',
            id: 'kelurahan',
          },
        ]
      : []),
    { href: downloads.shortlist(), label: t.download.shortlist, hint: '', id: 'shortlist' },
    { href: downloads.qualifying(), label: t.download.qualifying, hint: '', id: 'qualifying' },
    { href: downloads.coverage(), label: t.download.coverage, hint: '', id: 'coverage' },
  ];
  const reports = [
    ...(kelurahan
      ? [
          { href: downloads.report(kelurahan.kode), label: t.download.report(kelurahan.nama), id: 'report' },
          { href: downloads.proposal(kelurahan.kode), label: t.download.proposal(kelurahan.nama), id: 'proposal' },
        ]
      : []),
    { href: downloads.atlas(), label: t.download.atlas, id: 'atlas' },
  ];

  return (
    <div className="download-menu" ref={ref}>
      <button
        type="button"
        className="header-button"
        aria-expanded={open}
        aria-haspopup="true"
        onClick={() => setOpen(!open)}
        data-testid="download-menu"
      >
        {icons.download}
        <span className="header-button-label">{t.download.button}</span>
      </button>
      {open && (
        <div className="map-card download-popover">
          <p className="popover-title">{t.download.title}</p>
          <ul>
            {items.map((item) => (
              <li key={item.id}>
                <a href={item.href} download onClick={() => setOpen(false)} data-testid={`download-menu-${item.id}`}>
                  <span>{item.label}</span>
                  {item.hint && <small>{item.hint}</small>}
                </a>
              </li>
            ))}
          </ul>
          <p className="popover-note">{t.download.note}</p>
          <p className="popover-title">{t.download.reportsTitle}</p>
          <ul>
            {reports.map((item) => (
              <li key={item.id}>
                <a href={item.href} download onClick={() => setOpen(false)} data-testid={`download-menu-${item.id}`}>
                  <span>{item.label}</span>
                </a>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
