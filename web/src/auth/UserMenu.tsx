import { adminRefusal } from '@tapak/core/access/territory';
import { useI18n } from '../i18n/i18n.tsx';
import { useRoleLabels } from './roleLabels.ts';
import { useSession } from './session.tsx';

type Props = {
  /** The name of the user's territory (kecamatan or kelurahan), when the app knows it. */
  territoryName: string | null;
  onUsers: () => void;
};

/** Who is logged in (name, role, territory), the admin's "Pengguna" and "Keluar"; "Masuk" for public read. */
export function UserMenu({ territoryName, onUsers }: Props) {
  const { t, locale } = useI18n();
  const { info, actor, openLogin, logout } = useSession();
  const roleLabels = useRoleLabels();
  const user = info?.user ?? null;
  if (!user) {
    return (
      <div className="user-menu" data-testid="user-menu">
        <span className="pill user-readonly" title={t.auth.publicReadNote}>
          {t.auth.readOnly}
        </span>
        <button type="button" className="header-button" onClick={openLogin} data-testid="login-open">
          {t.auth.loginButton}
        </button>
      </div>
    );
  }
  const territory = user.territory_kode
    ? territoryName
      ? `${territoryName} (${user.territory_kode})`
      : user.territory_kode
    : t.auth.cityWide;
  const isAdmin = adminRefusal(actor) === null;
  return (
    <div className="user-menu" data-testid="user-menu">
      <div className="user-identity">
        <span className="user-name" data-testid="user-name">
          {user.display_name}
        </span>
        <span className="user-role" data-testid="user-role">
          {roleLabels ? `${roleLabels[user.role][locale]} · ${territory}` : territory}
        </span>
      </div>
      {isAdmin && (
        <button type="button" className="header-button" onClick={onUsers} data-testid="users-button">
          <svg viewBox="0 0 20 20" aria-hidden="true" width="18" height="18">
            <circle cx="7.5" cy="7" r="3" fill="none" stroke="currentColor" strokeWidth="1.6" />
            <path d="M2 17c.6-3 2.8-4.5 5.5-4.5S12.4 14 13 17" fill="none" stroke="currentColor" strokeWidth="1.6" />
            <path
              d="M13 4.5a3 3 0 0 1 0 5M15 12.8c1.5.6 2.6 2 3 4.2"
              fill="none"
              stroke="currentColor"
              strokeWidth="1.6"
            />
          </svg>
          <span className="header-button-label">{t.admin.button}</span>
        </button>
      )}
      <button type="button" className="header-button" onClick={() => void logout()} data-testid="logout-button">
        {t.auth.logout}
      </button>
    </div>
  );
}
