import { EmptyState, EmptyStateBody, PageSection } from '@patternfly/react-core';
import { Fragment, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { manageRight } from '../contract.js';
import { LockIcon } from '../shared/icons.js';

/**
 * A sentence whose parts in `<name>…</name>` are set apart by `parts[name]`. The one sentence that needs it does not
 * justify react-i18next's Trans, which brings an HTML parser into the bundle.
 */
function withParts(text: string, parts: Readonly<Record<string, (content: string) => ReactNode>>): ReactNode[] {
  return text.split(/(<(\w+)>.*?<\/\2>)/).flatMap((piece, i) => {
    // split() also returns the captured tag name after each tagged piece: skip it.
    if (i % 3 === 2) return [];
    const tagged = /^<(\w+)>(.*)<\/\1>$/.exec(piece);
    const render = tagged ? parts[tagged[1]!] : undefined;
    return [<Fragment key={i}>{render ? render(tagged![2]!) : piece}</Fragment>];
  });
}

/** For a user without the right: what is missing and where to get it, instead of a broken page. */
export function NoAccess() {
  const { t } = useTranslation();
  return (
    <PageSection>
      <EmptyState titleText={t('access.title')} headingLevel="h1" icon={LockIcon} data-testid="no-access">
        <EmptyStateBody>
          <p>
            {/* The right's name stands apart, as in the manual. */}
            {withParts(t('access.body', { label: manageRight.label, role: manageRight.role }), {
              right: (content) => <strong data-testid="no-access-right">{content}</strong>,
              role: (content) => <code>{content}</code>,
            })}
          </p>
          <p>{t('access.ask')}</p>
        </EmptyStateBody>
      </EmptyState>
    </PageSection>
  );
}
