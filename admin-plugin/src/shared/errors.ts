import type { TFunction } from 'i18next';
import { ApiError } from '../api/errors.js';

/** The administrator's words for an error of the API or the network. */
export function errorText(t: TFunction, error: unknown): string {
  if (!(error instanceof ApiError)) return t('errors.unknown', { message: (error as Error)?.message ?? String(error) });
  switch (error.code) {
    case 'network':
      return t('errors.network');
    case 'unavailable':
      return t('errors.unavailable');
    case 'unauthorized':
      return t('errors.unauthorized');
    case 'forbidden':
      return t('errors.forbidden');
    case 'not-found':
      return t('errors.notFound');
    case 'conflict':
      return t('errors.conflict');
    case 'not-delivered': {
      const previous = error.previousSecret;
      const rest =
        previous?.status === 'valid' && previous.validUntil
          ? t('errors.notDeliveredPreviousValid', {
              date: new Date(previous.validUntil),
              formatParams: { date: { dateStyle: 'medium', timeStyle: 'short' } },
            })
          : previous?.status === 'revoked'
            ? t('errors.notDeliveredPreviousRevoked')
            : t('errors.notDeliveredPreviousUnknown');
      return `${t('errors.notDelivered')} ${rest}`;
    }
    case 'rate-limited':
      return t('errors.rateLimited');
    case 'step-up-required':
      return t('errors.stepUpRequired');
    case 'validation':
      return Object.keys(error.fields).length > 0 ? t('errors.validation') : t('errors.unknown', { message: error.message });
    case 'unknown':
      return t('errors.unknown', { message: error.message });
  }
}
