/**
 * PatternFly's table as its documented HTML and CSS classes, with the same markup (roles, header scopes, the labels
 * the narrow-screen layout shows) as `@patternfly/react-table` gives for what this page uses. The page's tables only
 * list: none of that package's sorting, selection, tree rows or truncation tooltips is needed, and those would bring
 * its code and lodash into the bundle and measure every cell after each render.
 *
 * The class names are PatternFly 6's (https://www.patternfly.org/components/table/html), the version the host
 * contract names. Their styles (and the screen-reader-only text's) come with the page, in both bundles: PatternFly's
 * base.css, which a host provides, does not hold them.
 */
import '@patternfly/react-styles/css/components/Table/table.css';
import '@patternfly/react-styles/css/components/Table/table-grid.css';
import '@patternfly/react-styles/css/utilities/Accessibility/accessibility.css';
import type { ComponentProps, ReactNode } from 'react';

const TABLE = 'pf-v6-c-table';

/** Joins the class names that apply. */
const classes = (...names: (string | false | undefined)[]): string => names.filter(Boolean).join(' ');

/**
 * A table that shows its rows as label–value blocks on narrow screens (PatternFly's `grid-md` breakpoint, the
 * default of its React table).
 */
export function Table({ variant, className, ...props }: ComponentProps<'table'> & { variant?: 'compact' }) {
  return <table role="grid" className={classes(TABLE, 'pf-m-grid-md', variant && `pf-m-${variant}`, className)} {...props} />;
}

export function Thead({ className, ...props }: ComponentProps<'thead'>) {
  return <thead className={classes(`${TABLE}__thead`, className)} {...props} />;
}

export function Tbody({ className, ...props }: ComponentProps<'tbody'>) {
  return <tbody role="rowgroup" className={classes(`${TABLE}__tbody`, className)} {...props} />;
}

/** A row; `isRowSelected` marks the one the administrator just worked on. */
export function Tr({ isRowSelected = false, className, ...props }: ComponentProps<'tr'> & { isRowSelected?: boolean }) {
  return <tr className={classes(`${TABLE}__tr`, isRowSelected && 'pf-m-selected', className)} {...props} />;
}

/**
 * A column header. `wrap` lets a long header break over lines instead of widening its column; a column without a
 * visible header (the row actions) names itself to screen readers with `screenReaderText`.
 */
export function Th({
  modifier,
  screenReaderText,
  className,
  children,
  ...props
}: ComponentProps<'th'> & { modifier?: 'wrap'; screenReaderText?: string }) {
  return (
    <th scope="col" className={classes(`${TABLE}__th`, modifier && `pf-m-${modifier}`, className)} {...props}>
      {children}
      {screenReaderText && <span className="pf-v6-u-screen-reader">{screenReaderText}</span>}
    </th>
  );
}

/**
 * A cell. `dataLabel` is its column's name, shown beside the value when the table stacks on a narrow screen;
 * `breakWord` lets a long unbroken value (a Client ID) wrap; `isActionCell` holds a row's action menu.
 */
export function Td({
  dataLabel,
  modifier,
  isActionCell = false,
  className,
  ...props
}: ComponentProps<'td'> & { dataLabel?: string; modifier?: 'breakWord'; isActionCell?: boolean; children?: ReactNode }) {
  return (
    <td
      data-label={dataLabel}
      className={classes(`${TABLE}__td`, isActionCell && `${TABLE}__action`, modifier === 'breakWord' && 'pf-m-break-word', className)}
      {...props}
    />
  );
}
