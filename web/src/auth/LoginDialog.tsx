import { useId, useState } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { Dialog } from '../ui/Dialog.tsx';
import { LoginForm } from './LoginForm.tsx';
import { useSession } from './session.tsx';

/**
 * Login over the running app: after the session expired (the map, an unsaved drawing and the form stay as
 * they were underneath) or when a public-read visitor chose "Masuk".
 */
export function LoginDialog() {
  const { t } = useI18n();
  const { expired, closeLogin, logout } = useSession();
  const [busy, setBusy] = useState(false);
  const formId = useId();
  return (
    <Dialog
      title={expired ? t.auth.expiredTitle : t.auth.title}
      // An expired session cannot be dismissed: nothing could be saved behind it.
      onClose={expired ? () => {} : closeLogin}
      testId="login-dialog"
      actions={
        <>
          {expired ? (
            <button type="button" className="button" onClick={() => void logout()}>
              {t.auth.startOver}
            </button>
          ) : (
            <button type="button" className="button" onClick={closeLogin}>
              {t.auth.cancel}
            </button>
          )}
          <button
            type="submit"
            form={formId}
            className="button button-primary"
            disabled={busy}
            data-testid="login-submit"
          >
            {busy ? t.auth.submitting : t.auth.submit}
          </button>
        </>
      }
    >
      <p
        className="dialog-text"
        role={expired ? 'alert' : undefined}
        data-testid={expired ? 'session-expired' : undefined}
      >
        {expired ? t.auth.expiredBody : t.auth.intro}
      </p>
      <LoginForm formId={formId} ownSubmit={false} onSubmitting={setBusy} />
    </Dialog>
  );
}
