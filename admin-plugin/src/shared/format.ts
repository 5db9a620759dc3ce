import { useTranslation } from 'react-i18next';

/** Dates and times in the page's language. */
export function useFormat() {
  const { i18n } = useTranslation();
  const locale = { nl: 'nl-BE', fr: 'fr-BE', en: 'en-GB' }[i18n.language] ?? 'nl-BE';
  const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  return {
    dateTime: (iso: string | null | undefined) => {
      if (!iso) return '';
      const date = new Date(iso);
      return Number.isNaN(date.getTime()) ? iso : dateTime.format(date);
    },
  };
}
