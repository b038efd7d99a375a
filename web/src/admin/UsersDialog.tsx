import { type PublicUser, type UserRole, userRoleLabels, userRoles } from '@tapak/core/contracts/auth';
import {
  type FormEvent,
  type InputHTMLAttributes,
  type ReactNode,
  useCallback,
  useEffect,
  useId,
  useState,
} from 'react';
import type { KelurahanFeature } from '../api/types.ts';
import { problemMessage } from '../auth/problemMessage.ts';
import { useSession } from '../auth/session.tsx';
import { formatDateTime } from '../i18n/format.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { Dialog } from '../ui/Dialog.tsx';
import { type TerritoryOption, territoryName, territoryOptions } from './territoryOptions.ts';
import { type ApiToken, type ApiTokenCreated, usersApi } from './usersApi.ts';
import './admin.css';

type Props = {
  /** The kelurahan the app loaded (with their kecamatan): the territory pickers' lists. */
  kelurahan: readonly KelurahanFeature[];
  onClose: () => void;
};

type Notice = { tone: 'ok' | 'error'; text: string } | null;

function needsTerritory(role: UserRole): boolean {
  return role === 'camat' || role === 'lurah';
}

/** Busy flag and notice line of a form that sends requests: a failure shows as the API's problem, in the UI language. */
function useRequest() {
  const { t, locale } = useI18n();
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<Notice>(null);
  /** Resolves to false when the request failed (the notice then says why), so a form knows whether to clear itself. */
  const run = async (request: () => Promise<void>): Promise<boolean> => {
    setBusy(true);
    setNotice(null);
    try {
      await request();
      return true;
    } catch (error) {
      setNotice({ tone: 'error', text: problemMessage(error, t, locale) });
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { busy, notice, setNotice, run };
}

type TextFieldProps = {
  /** From the form's useId, so that the label (and the hint) point at the input. */
  id: string;
  label: string;
  /** Shown under the input and read with it (aria-describedby). */
  hint?: string;
  testId?: string;
  value: string;
  onValue: (value: string) => void;
} & Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'value' | 'onChange'>;

/** The `.field` layout every form of this dialog uses: a label over its control (the input or select with that id). */
function Field({ id, label, children }: { id: string; label: string; children: ReactNode }) {
  return (
    <div className="field">
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      {children}
    </div>
  );
}

/** A labelled text input (or, with `type`, another kind). */
function TextField({ id, label, hint, testId, onValue, ...input }: TextFieldProps) {
  const hintId = `${id}-hint`;
  return (
    <Field id={id} label={label}>
      <input
        id={id}
        {...input}
        onChange={(event) => onValue(event.target.value)}
        aria-describedby={hint ? hintId : undefined}
        data-testid={testId}
      />
      {hint && (
        <span id={hintId} className="field-hint">
          {hint}
        </span>
      )}
    </Field>
  );
}

/** A password an admin sets for someone else: the API's ten-character minimum, and no autofill of the admin's own. */
function PasswordField(props: Pick<TextFieldProps, 'id' | 'label' | 'hint' | 'testId' | 'value' | 'onValue'>) {
  return <TextField {...props} type="password" required minLength={10} autoComplete="new-password" />;
}

/** The <option>s of one territory group, each "Name (code)"; with and without an <optgroup> alike. */
function territoryOptionElements(options: readonly TerritoryOption[]) {
  return options.map((option) => (
    <option key={option.kode} value={option.kode}>
      {option.nama} ({option.kode})
    </option>
  ));
}

/** Role select and, for camat and lurah, the territory picker (kecamatan or kelurahan). */
function RoleTerritory({
  role,
  territory,
  kelurahan,
  onRole,
  onTerritory,
}: {
  role: UserRole;
  territory: string;
  kelurahan: readonly KelurahanFeature[];
  onRole: (role: UserRole) => void;
  onTerritory: (kode: string) => void;
}) {
  const { t, locale } = useI18n();
  const roleId = useId();
  const territoryId = useId();
  const groups = territoryOptions(role, kelurahan);
  return (
    <>
      <Field id={roleId} label={t.admin.role}>
        <select
          id={roleId}
          value={role}
          onChange={(event) => {
            onRole(event.target.value as UserRole);
            // A kecamatan is not a kelurahan: a role change asks for the territory again.
            onTerritory('');
          }}
          data-testid="user-role-select"
        >
          {userRoles.map((option) => (
            <option key={option} value={option}>
              {userRoleLabels[option][locale]}
            </option>
          ))}
        </select>
      </Field>
      {needsTerritory(role) && (
        <Field id={territoryId} label={t.admin.territory}>
          <select
            id={territoryId}
            value={territory}
            required
            onChange={(event) => onTerritory(event.target.value)}
            data-testid="user-territory-select"
          >
            <option value="">{role === 'camat' ? t.admin.chooseKecamatan : t.admin.chooseKelurahan}</option>
            {groups.map((group) =>
              group.label === null ? (
                territoryOptionElements(group.options)
              ) : (
                <optgroup key={group.label} label={group.label}>
                  {territoryOptionElements(group.options)}
                </optgroup>
              ),
            )}
          </select>
        </Field>
      )}
    </>
  );
}

function NoticeLine({ notice }: { notice: Notice }) {
  if (!notice) return null;
  return (
    <p
      className={notice.tone === 'error' ? 'form-error' : 'admin-ok'}
      role={notice.tone === 'error' ? 'alert' : 'status'}
    >
      {notice.text}
    </p>
  );
}

function AddUser({
  kelurahan,
  onCreated,
}: {
  kelurahan: readonly KelurahanFeature[];
  onCreated: (user: PublicUser) => void;
}) {
  const { t } = useI18n();
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<UserRole>('lurah');
  const [territory, setTerritory] = useState('');
  const [password, setPassword] = useState('');
  const { busy, notice, setNotice, run } = useRequest();
  const ids = { username: useId(), name: useId(), password: useId() };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (needsTerritory(role) && !territory) {
      setNotice({ tone: 'error', text: t.admin.territoryRequired });
      return;
    }
    await run(async () => {
      const user = await usersApi.create({
        username: username.trim().toLowerCase(),
        display_name: displayName.trim(),
        role,
        territory_kode: needsTerritory(role) ? territory : null,
        password,
      });
      setUsername('');
      setDisplayName('');
      setPassword('');
      setTerritory('');
      setNotice({ tone: 'ok', text: t.admin.created(user.username) });
      onCreated(user);
    });
  };

  return (
    <form className="admin-form" onSubmit={(event) => void submit(event)} data-testid="user-add-form">
      <h3 className="parcel-section-title">{t.admin.addTitle}</h3>
      <div className="form-grid">
        <TextField
          id={ids.username}
          label={t.admin.username}
          required
          autoCapitalize="none"
          spellCheck={false}
          autoComplete="off"
          pattern="[a-z0-9._\-]{3,64}"
          title={t.admin.usernameHint}
          value={username}
          onValue={setUsername}
          testId="user-add-username"
        />
        <TextField
          id={ids.name}
          label={t.admin.displayName}
          required
          value={displayName}
          onValue={setDisplayName}
          testId="user-add-name"
        />
        <RoleTerritory
          role={role}
          territory={territory}
          kelurahan={kelurahan}
          onRole={setRole}
          onTerritory={setTerritory}
        />
        <PasswordField
          id={ids.password}
          label={t.admin.password}
          hint={t.admin.passwordHint}
          value={password}
          onValue={setPassword}
          testId="user-add-password"
        />
      </div>
      <NoticeLine notice={notice} />
      <button type="submit" className="button button-primary" disabled={busy} data-testid="user-add-submit">
        {busy ? t.admin.creating : t.admin.create}
      </button>
    </form>
  );
}

function Tokens({ user }: { user: PublicUser }) {
  const { t, locale } = useI18n();
  const [tokens, setTokens] = useState<ApiToken[] | null>(null);
  const [name, setName] = useState('');
  const [readOnly, setReadOnly] = useState(true);
  const [created, setCreated] = useState<ApiTokenCreated | null>(null);
  const [copied, setCopied] = useState(false);
  const { busy, notice, setNotice, run } = useRequest();
  const nameId = useId();

  const load = useCallback(
    (signal?: AbortSignal) =>
      usersApi
        .tokens(user.id, signal)
        .then(setTokens)
        .catch((error: unknown) => {
          if (!signal?.aborted) setNotice({ tone: 'error', text: problemMessage(error, t, locale) });
        }),
    [user.id, t, locale, setNotice],
  );
  useEffect(() => {
    const abort = new AbortController();
    void load(abort.signal);
    return () => abort.abort();
  }, [load]);

  const create = async (event: FormEvent) => {
    event.preventDefault();
    setCopied(false);
    await run(async () => {
      setCreated(await usersApi.createToken(user.id, { name: name.trim(), read_only: readOnly }));
      setName('');
      setReadOnly(true);
      await load();
    });
  };

  const revoke = async (token: ApiToken) => {
    setNotice(null);
    try {
      await usersApi.revokeToken(token.id);
      if (created?.id === token.id) setCreated(null);
      await load();
    } catch (error) {
      setNotice({ tone: 'error', text: problemMessage(error, t, locale) });
    }
  };

  const copy = async (secret: string) => {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied(true);
    } catch {
      // No clipboard permission (plain HTTP inside a city network): the token stays selectable on screen.
      setNotice({ tone: 'error', text: t.admin.copyFailed });
    }
  };

  return (
    <section className="admin-tokens" data-testid="user-tokens">
      <h3 className="parcel-section-title">{t.admin.tokens}</h3>
      <p className="field-hint">{t.admin.tokensHint}</p>
      {created && (
        <div className="callout admin-token-once" data-testid="token-created">
          <p>{t.admin.tokenOnce}</p>
          <div className="admin-token-row">
            <code className="mono admin-token-secret" data-testid="token-secret">
              {created.token}
            </code>
            <button type="button" className="button button-small" onClick={() => void copy(created.token)}>
              {copied ? t.admin.copied : t.admin.copy}
            </button>
          </div>
        </div>
      )}
      {tokens === null ? (
        <p className="muted">{t.admin.loading}</p>
      ) : tokens.length === 0 ? (
        <p className="muted">{t.admin.tokensEmpty}</p>
      ) : (
        <ul className="admin-token-list">
          {tokens.map((token) => (
            <li key={token.id} data-testid="token-item" data-revoked={token.revoked ? 'true' : undefined}>
              <span className="admin-token-text">
                <strong>{token.name}</strong>
                <span className="muted">
                  {token.read_only ? t.admin.tokenReadOnly : t.admin.tokenReadWrite} ·{' '}
                  {t.admin.tokenCreatedAt(formatDateTime(token.created_at))} ·{' '}
                  {token.last_used_at
                    ? t.admin.tokenLastUsed(formatDateTime(token.last_used_at))
                    : t.admin.tokenNeverUsed}
                </span>
              </span>
              {token.revoked ? (
                <span className="pill">{t.admin.revoked}</span>
              ) : (
                <button
                  type="button"
                  className="button button-small button-quiet-danger"
                  onClick={() => void revoke(token)}
                  data-testid="token-revoke"
                >
                  {t.admin.revoke}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <form className="admin-inline-form" onSubmit={(event) => void create(event)}>
        <TextField
          id={nameId}
          label={t.admin.tokenName}
          required
          maxLength={120}
          placeholder={t.admin.tokenNamePlaceholder}
          value={name}
          onValue={setName}
          testId="token-name"
        />
        <label className="checkbox">
          <input type="checkbox" checked={readOnly} onChange={(event) => setReadOnly(event.target.checked)} />
          {t.admin.tokenReadOnly}
        </label>
        <button type="submit" className="button" disabled={busy} data-testid="token-create">
          {t.admin.createToken}
        </button>
      </form>
      <NoticeLine notice={notice} />
    </section>
  );
}

function EditUser({
  user,
  kelurahan,
  onChanged,
}: {
  user: PublicUser;
  kelurahan: readonly KelurahanFeature[];
  onChanged: (user: PublicUser) => void;
}) {
  const { t } = useI18n();
  const { info } = useSession();
  const [displayName, setDisplayName] = useState(user.display_name);
  const [role, setRole] = useState<UserRole>(user.role);
  const [territory, setTerritory] = useState(user.territory_kode ?? '');
  const [password, setPassword] = useState('');
  const { busy, notice, setNotice, run } = useRequest();
  const ids = { name: useId(), password: useId() };
  const self = info?.user?.id === user.id;

  const patch = (body: Parameters<typeof usersApi.update>[1], done: string) =>
    run(async () => {
      const changed = await usersApi.update(user.id, body);
      setNotice({ tone: 'ok', text: done });
      onChanged(changed);
    });

  const saveProfile = (event: FormEvent) => {
    event.preventDefault();
    if (needsTerritory(role) && !territory) {
      setNotice({ tone: 'error', text: t.admin.territoryRequired });
      return;
    }
    const body: Parameters<typeof usersApi.update>[1] = {};
    if (displayName.trim() !== user.display_name) body.display_name = displayName.trim();
    if (role !== user.role) body.role = role;
    const nextTerritory = needsTerritory(role) ? territory : null;
    if (nextTerritory !== user.territory_kode) body.territory_kode = nextTerritory;
    void patch(body, t.admin.saved);
  };

  const resetPassword = async (event: FormEvent) => {
    event.preventDefault();
    if (await patch({ password }, t.admin.passwordReset)) setPassword('');
  };

  return (
    <div className="admin-edit" data-testid="user-edit">
      <form className="admin-form" onSubmit={saveProfile}>
        <div className="form-grid">
          <TextField id={ids.name} label={t.admin.displayName} required value={displayName} onValue={setDisplayName} />
          <RoleTerritory
            role={role}
            territory={territory}
            kelurahan={kelurahan}
            onRole={setRole}
            onTerritory={setTerritory}
          />
        </div>
        <button type="submit" className="button button-primary" disabled={busy} data-testid="user-save">
          {t.admin.save}
        </button>
      </form>
      <form className="admin-inline-form" onSubmit={(event) => void resetPassword(event)}>
        <PasswordField
          id={ids.password}
          label={t.admin.newPassword}
          value={password}
          onValue={setPassword}
          testId="user-new-password"
        />
        <button type="submit" className="button" disabled={busy} data-testid="user-reset-password">
          {t.admin.resetPassword}
        </button>
      </form>
      <div className="admin-status-row">
        {user.disabled && <p className="field-hint">{t.admin.disabledNote}</p>}
        {self ? (
          <p className="field-hint">{t.admin.selfNote}</p>
        ) : (
          <button
            type="button"
            className={user.disabled ? 'button' : 'button button-quiet-danger'}
            disabled={busy}
            onClick={() =>
              void patch({ disabled: !user.disabled }, user.disabled ? t.admin.enabled : t.admin.disabledDone)
            }
            data-testid="user-toggle-disabled"
          >
            {user.disabled ? t.admin.enable : t.admin.disable}
          </button>
        )}
      </div>
      <NoticeLine notice={notice} />
      <Tokens user={user} />
    </div>
  );
}

/** "Pengguna" (admins only): the accounts, adding one, changing role, territory, password and status, API tokens. */
export default function UsersDialog({ kelurahan, onClose }: Props) {
  const { t, locale } = useI18n();
  const [users, setUsers] = useState<PublicUser[] | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);

  useEffect(() => {
    const abort = new AbortController();
    usersApi
      .list(abort.signal)
      .then(setUsers)
      .catch((error: unknown) => {
        if (!abort.signal.aborted) setFailure(problemMessage(error, t, locale));
      });
    return () => abort.abort();
  }, [t, locale]);

  const upsert = (user: PublicUser) =>
    setUsers((current) => {
      const list = current ?? [];
      return list.some((u) => u.id === user.id) ? list.map((u) => (u.id === user.id ? user : u)) : [...list, user];
    });

  const selected = users?.find((u) => u.id === editing) ?? null;

  return (
    <Dialog
      title={selected ? t.admin.editTitle(selected.display_name) : t.admin.title}
      onClose={onClose}
      wide
      testId="users-dialog"
      actions={
        <>
          {selected && (
            <button type="button" className="button" onClick={() => setEditing(null)}>
              {t.admin.back}
            </button>
          )}
          <button type="button" className="button" onClick={onClose} data-testid="users-close">
            {t.admin.close}
          </button>
        </>
      }
    >
      {failure && <p className="form-error">{failure}</p>}
      {selected ? (
        <EditUser key={selected.id} user={selected} kelurahan={kelurahan} onChanged={upsert} />
      ) : users === null ? (
        !failure && <p className="muted">{t.admin.loading}</p>
      ) : (
        <>
          <table className="admin-table" data-testid="users-table">
            <thead>
              <tr>
                <th scope="col">{t.admin.columns.username}</th>
                <th scope="col">{t.admin.columns.displayName}</th>
                <th scope="col">{t.admin.columns.role}</th>
                <th scope="col">{t.admin.columns.territory}</th>
                <th scope="col">{t.admin.columns.status}</th>
                <th scope="col">
                  <span className="sr-only">{t.admin.manage}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {users.map((user) => (
                <tr key={user.id} data-testid="user-row" data-username={user.username}>
                  <td className="mono">{user.username}</td>
                  <td>{user.display_name}</td>
                  <td>{userRoleLabels[user.role][locale]}</td>
                  <td>
                    {user.territory_kode
                      ? `${territoryName(user.territory_kode, kelurahan) ?? ''} (${user.territory_kode})`.trim()
                      : t.admin.cityWide}
                  </td>
                  <td>
                    <span className={user.disabled ? 'pill admin-disabled' : 'pill'}>
                      {user.disabled ? t.admin.disabled : t.admin.active}
                    </span>
                  </td>
                  <td>
                    <button
                      type="button"
                      className="button button-small"
                      onClick={() => setEditing(user.id)}
                      aria-label={t.admin.manageLabel(user.username)}
                      data-testid="user-manage"
                    >
                      {t.admin.manage}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {adding ? (
            <AddUser kelurahan={kelurahan} onCreated={upsert} />
          ) : (
            <button
              type="button"
              className="button button-primary"
              onClick={() => setAdding(true)}
              data-testid="user-add"
            >
              {t.admin.add}
            </button>
          )}
        </>
      )}
    </Dialog>
  );
}
