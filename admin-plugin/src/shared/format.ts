import { useTranslation } from 'react-i18next';

/**
 * One formatter per locale and kind for the page's lifetime, each made when first used: building an Intl formatter
 * costs far more than using one (the first of a kind loads that locale's data), every row of the overview formats
 * dates, and the overview formats no number.
 */
const formatters = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();

function formatter<T extends Intl.DateTimeFormat | Intl.NumberFormat>(key: string, make: () => T): T {
  let made = formatters.get(key) as T | undefined;
  if (!made) {
    made = make();
    formatters.set(key, made);
  }
  return made;
}

/** Dates, times and numbers in the page's language. */
export function useFormat() {
  const { i18n } = useTranslation();
  const locale = { nl: 'nl-BE', fr: 'fr-BE', en: 'en-GB' }[i18n.language] ?? 'nl-BE';
  const dateTime = () =>
    formatter(`dateTime ${locale}`, () => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }));
  const number = () => formatter(`number ${locale}`, () => new Intl.NumberFormat(locale));
  return {
    /** A count of addresses: in full up to IPv4's whole space, as a power of two beyond (IPv6). */
    addresses: (count: bigint) => (count <= 1n << 32n ? number().format(count) : `2^${count.toString(2).length - 1}`),
    dateTime: (iso: string | null | undefined) => {
      if (!iso) return '';
      const date = new Date(iso);
      return Number.isNaN(date.getTime()) ? iso : dateTime().format(date);
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
