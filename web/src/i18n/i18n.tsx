import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { readStored, writeStored } from '../state/storage.ts';
import { en } from './messages.en.ts';
import { id, type Messages } from './messages.id.ts';

export type Locale = 'id' | 'en';
export const LOCALES: readonly Locale[] = ['id', 'en'];
const MESSAGES: Record<Locale, Messages> = { id, en };
const STORAGE_KEY = 'tapak.locale';

type I18n = { locale: Locale; t: Messages; setLocale: (locale: Locale) => void };

const I18nContext = createContext<I18n | null>(null);

export function isLocale(value: unknown): value is Locale {
  return value === 'id' || value === 'en';
}

export function I18nProvider({ children }: { children: ReactNode }) {
  // Bahasa Indonesia unless the user chose English before on this device.
  const [locale, setLocaleState] = useState<Locale>(() => readStored(STORAGE_KEY, isLocale) ?? 'id');
  const setLocale = useCallback((next: Locale) => {
    setLocaleState(next);
    writeStored(STORAGE_KEY, next);
  }, []);
  useEffect(() => {
    document.documentElement.lang = locale;
    document.title = `${MESSAGES[locale].appName} · ${MESSAGES[locale].appTagline}`;
  }, [locale]);
  const value = useMemo(() => ({ locale, t: MESSAGES[locale], setLocale }), [locale, setLocale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}
