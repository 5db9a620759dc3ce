import { useTranslation } from 'react-i18next';

interface Formatters {
  readonly dateTime: Intl.DateTimeFormat;
  readonly number: Intl.NumberFormat;
}

/**
 * One set per locale for the page's lifetime: building an Intl formatter costs far more than using one, and every
 * row of the overview formats dates.
 */
const formattersByLocale = new Map<string, Formatters>();

function formattersFor(locale: string): Formatters {
  let formatters = formattersByLocale.get(locale);
  if (!formatters) {
    formatters = {
      dateTime: new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }),
      number: new Intl.NumberFormat(locale),
    };
    formattersByLocale.set(locale, formatters);
  }
  return formatters;
}

/** Dates, times and numbers in the page's language. */
export function useFormat() {
  const { i18n } = useTranslation();
  const locale = { nl: 'nl-BE', fr: 'fr-BE', en: 'en-GB' }[i18n.language] ?? 'nl-BE';
  const { dateTime, number } = formattersFor(locale);
  return {
    /** A count of addresses: in full up to IPv4's whole space, as a power of two beyond (IPv6). */
    addresses: (count: bigint) => (count <= 1n << 32n ? number.format(count) : `2^${count.toString(2).length - 1}`),
    dateTime: (iso: string | null | undefined) => {
      if (!iso) return '';
      const date = new Date(iso);
      return Number.isNaN(date.getTime()) ? iso : dateTime.format(date);
    },
    /** A length of time in whole days, hours, minutes or seconds, the largest unit that says it exactly. */
    duration: (seconds: number) => {
      const [unit, size] = DURATION_UNITS.find(([, size]) => seconds >= size && seconds % size === 0) ?? ['second', 1];
      return new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'long' }).format(seconds / size);
    },
  };
}

const DURATION_UNITS: ReadonlyArray<readonly [string, number]> = [
  ['day', 86_400],
  ['hour', 3_600],
  ['minute', 60],
];
