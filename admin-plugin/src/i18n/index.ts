/**
 * One i18next instance per mounted page, so the page never changes a host's own i18next.
 */
import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en.js';
import { fr } from './fr.js';
import { nl } from './nl.js';

export const LANGUAGES = ['nl', 'fr', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'nl';
export const resources = { nl: { translation: nl }, fr: { translation: fr }, en: { translation: en } } as const;

/** The page's language for a host locale ("fr-BE" → "fr"); Dutch when the page doesn't speak it. */
export function languageFor(locale: string | undefined): Language {
  const base = (locale ?? '').toLowerCase().split(/[-_]/)[0];
  return (LANGUAGES as readonly string[]).includes(base ?? '') ? (base as Language) : DEFAULT_LANGUAGE;
}

export function createI18n(locale: string | undefined, onMissingKey?: (key: string, language: string) => void): i18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    resources,
    lng: languageFor(locale),
    fallbackLng: false,
    supportedLngs: [...LANGUAGES],
    interpolation: { escapeValue: false },
    initAsync: false,
    returnNull: false,
    // Some of PatternFly's pagination words are left out on purpose (an empty text), which is not a missing one.
    returnEmptyString: true,
    saveMissing: onMissingKey !== undefined,
    missingKeyHandler: onMissingKey ? (lngs, _ns, key) => lngs.forEach((l) => onMissingKey(key, l)) : false,
  });
  return instance;
}
