import { LOCALES, useI18n } from '../i18n/i18n.tsx';
import { LoginForm } from './LoginForm.tsx';

/** The whole page when nobody is logged in and public read is off: Tapak shows no data before login. */
export function LoginScreen() {
  const { t, locale, setLocale } = useI18n();
  return (
    <main className="login-page" data-testid="login-screen">
      <section className="login-card" aria-labelledby="login-title">
        <div className="login-brand">
          <span className="brand-mark" aria-hidden="true" />
          <div className="brand-text">
            <span className="brand-name">{t.appName}</span>
            <span className="brand-tagline">{t.appTagline}</span>
          </div>
        </div>
        <h1 id="login-title" className="login-title">
          {t.auth.title}
        </h1>
        <p className="login-intro">{t.auth.intro}</p>
        <LoginForm ownSubmit />
        <fieldset className="lang-toggle login-lang">
          <legend className="sr-only">{t.header.language}</legend>
          {LOCALES.map((option) => (
            <button
              key={option}
              type="button"
              lang={option}
              aria-pressed={locale === option}
              aria-label={`${option.toUpperCase()} · ${t.header.languageName[option]}`}
              onClick={() => setLocale(option)}
            >
              {option.toUpperCase()}
            </button>
          ))}
        </fieldset>
      </section>
    </main>
  );
}
