import { useI18n } from '../i18n/i18n.tsx';

type Props = {
  /** Why this user may not import (the core's writerRefusal, in the UI language); null when allowed. */
  refusal: string | null;
  onOpen: () => void;
};

/** "Impor bidang" in the header, beside "Unduh": files in, files out. Disabled with the reason as tooltip. */
export function ImportParcelsButton({ refusal, onOpen }: Props) {
  const { t } = useI18n();
  return (
    <button
      type="button"
      className="header-button"
      // Two words in a crowded header: keep them on one line.
      style={{ whiteSpace: 'nowrap' }}
      onClick={onOpen}
      disabled={refusal !== null}
      title={refusal ?? t.importParcels.buttonTitle}
      aria-label={t.importParcels.button}
      data-testid="import-parcels-button"
    >
      <svg viewBox="0 0 20 20" aria-hidden="true" width="18" height="18">
        <path
          d="M10 13V3M6 7l4-4 4 4M3 12v4h14v-4"
          fill="none"
          stroke="currentColor"
          strokeWidth="1.6"
          strokeLinecap="round"
          strokeLinejoin="round"
        />
      </svg>
      <span className="header-button-label">{t.importParcels.button}</span>
    </button>
  );
}
