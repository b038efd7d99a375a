import { type FormEvent, useId, useState } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { problemMessage } from './problemMessage.ts';
import { useSession } from './session.tsx';

type Props = {
  /** Id of the <form>, so a dialog's action buttons outside it can submit it. */
  formId?: string;
  /** Renders its own submit button (the full-page screen); a dialog puts one in its actions instead. */
  ownSubmit: boolean;
  onSubmitting?: (busy: boolean) => void;
};

/** Username and password; shows the server's explanation of a refusal (401, 429) in the UI language. */
export function LoginForm({ formId, ownSubmit, onSubmitting }: Props) {
  const { t, locale } = useI18n();
  const { login } = useSession();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const userId = useId();
  const passwordId = useId();
  const errorId = useId();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    onSubmitting?.(true);
    setError(null);
    try {
      await login(username.trim(), password);
    } catch (failure) {
      // 401 and 429 carry a sentence for people (429's says how long to wait); show it as is.
      setError(problemMessage(failure, t, locale));
      setPassword('');
    } finally {
      setBusy(false);
      onSubmitting?.(false);
    }
  };

  return (
    <form id={formId} className="login-form" onSubmit={(event) => void submit(event)} data-testid="login-form">
      <div className="field">
        <label className="field-label" htmlFor={userId}>
          {t.auth.username}
        </label>
        <input
          id={userId}
          name="username"
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          required
          value={username}
          onChange={(event) => setUsername(event.target.value)}
          aria-describedby={error ? errorId : undefined}
          data-testid="login-username"
        />
      </div>
      <div className="field">
        <label className="field-label" htmlFor={passwordId}>
          {t.auth.password}
        </label>
        <input
          id={passwordId}
          name="password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          aria-describedby={error ? errorId : undefined}
          data-testid="login-password"
        />
      </div>
      {error && (
        <p id={errorId} className="form-error login-error" role="alert" data-testid="login-error">
          {error}
        </p>
      )}
      {ownSubmit && (
        <button type="submit" className="button button-primary login-submit" disabled={busy} data-testid="login-submit">
          {busy ? t.auth.submitting : t.auth.submit}
        </button>
      )}
    </form>
  );
}
