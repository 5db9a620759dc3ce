import { EmptyState, EmptyStateBody, PageSection } from '@patternfly/react-core';
import { Trans, useTranslation } from 'react-i18next';
import { manageRight } from '../contract.js';
import { LockIcon } from '../shared/icons.js';

/** For a user without the right: what is missing and where to get it, instead of a broken page. */
export function NoAccess() {
  const { t } = useTranslation();
  return (
    <PageSection>
      <EmptyState titleText={t('access.title')} headingLevel="h1" icon={LockIcon} data-testid="no-access">
        <EmptyStateBody>
          <p>
            {/* The right's name stands apart, as in the manual. */}
            <Trans
              t={t}
              i18nKey="access.body"
              values={{ label: manageRight.label, role: manageRight.role }}
              components={{ right: <strong data-testid="no-access-right" />, role: <code /> }}
            />
          </p>
          <p>{t('access.ask')}</p>
        </EmptyStateBody>
      </EmptyState>
    </PageSection>
  );
}
