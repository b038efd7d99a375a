import { formatInteger } from '../i18n/format.ts';
import { useI18n } from '../i18n/i18n.tsx';
import type { KecamatanWithoutSite } from './dashboardData.ts';

type Props = {
  groups: readonly KecamatanWithoutSite[];
  /** The reason in the current language: the same labels as the kelurahan panel. */
  reasonLabel: (reason: string) => string;
};

/** Kelurahan without a qualifying site and why, one row group per kecamatan. */
export function NoSiteTable({ groups, reasonLabel }: Props) {
  const { t } = useI18n();
  const d = t.dashboard.noSite;
  const total = groups.reduce((sum, group) => sum + group.kelurahan.length, 0);
  return (
    <section className="dashboard-card dashboard-table-card" aria-labelledby="no-site-title">
      <div className="dashboard-card-head">
        <h2 id="no-site-title" className="dashboard-card-title">
          {d.title}
          <span className="dashboard-count">{formatInteger(total)}</span>
        </h2>
      </div>
      {total === 0 ? (
        <p className="dashboard-card-note">{d.empty}</p>
      ) : (
        <div className="dashboard-table-scroll">
          <table className="dashboard-table" data-testid="no-site-table">
            <thead>
              <tr>
                <th scope="col">{d.kelurahan}</th>
                <th scope="col" className="numeric">
                  {d.candidates}
                </th>
                <th scope="col">{d.reason}</th>
              </tr>
            </thead>
            {groups.map((group) => (
              <tbody key={group.kecamatan_kode}>
                <tr className="dashboard-table-group">
                  <th scope="rowgroup" colSpan={3}>
                    {d.kecamatan} {group.kecamatan_nama}
                    <span className="dashboard-count">{formatInteger(group.kelurahan.length)}</span>
                  </th>
                </tr>
                {group.kelurahan.map((row) => (
                  <tr key={row.kode} data-testid="no-site-row" data-kode={row.kode} data-reason={row.reason}>
                    <th scope="row">
                      {row.nama}
                      <span className="dashboard-code">{row.kode}</span>
                    </th>
                    <td className="numeric">{formatInteger(row.candidates)}</td>
                    <td>{reasonLabel(row.reason)}</td>
                  </tr>
                ))}
              </tbody>
            ))}
          </table>
        </div>
      )}
    </section>
  );
}
