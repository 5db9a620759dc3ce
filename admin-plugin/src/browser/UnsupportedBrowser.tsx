import { List, ListItem, PageSection } from '@patternfly/react-core';
import { Notice } from '../shared/status.js';
import { useTranslation } from 'react-i18next';
import type { MissingFeature } from './support.js';

/** Plain advice instead of a page that fails silently. */
export function UnsupportedBrowser({ missing }: { missing: readonly MissingFeature[] }) {
  const { t } = useTranslation();
  return (
    <PageSection>
      <Notice variant="warning" isInline title={t('browser.title')} data-testid="unsupported-browser">
        <p>{t('browser.body')}</p>
        <p>{t('browser.missing')}</p>
        <List>
          {missing.map((feature) => (
            <ListItem key={feature}>{t(`browser.${feature}`)}</ListItem>
          ))}
        </List>
      </Notice>
    </PageSection>
  );
}
