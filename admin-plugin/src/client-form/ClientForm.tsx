import {
  Button,
  Content,
  Form,
  FormGroup,
  FormHelperText,
  FormSection,
  HelperText,
  Label,
  LabelGroup,
  PageSection,
  Spinner,
  TextInput,
  Title,
} from '@patternfly/react-core';
import { StatusText, Notice } from '../shared/status.js';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { limits } from '@focus-api-access/contract';
import { useApiClient } from '../api/context.js';
import { ApiError } from '../api/errors.js';
import { useServiceLabel } from '../api/catalogue.js';
import type { Activity, ApiClient, Credentials, Service } from '../api/types.js';
import { CredentialsDialog } from '../credentials/CredentialsDialog.js';
import { LifetimeChoice } from '../credentials/LifetimeChoice.js';
import { RegenerateDialog } from '../credentials/RegenerateDialog.js';
import { toClient, toOverview, type Route } from '../navigation/routes.js';
import { useLeaveGuard, useNavigation } from '../navigation/NavigationProvider.js';
import { ConfirmDialog } from '../shared/ConfirmDialog.js';
import { useAlerts } from '../shared/alerts.js';
import { ErrorState } from '../shared/ErrorState.js';
import { errorText } from '../shared/errors.js';
import { InfoCircleIcon, PlusCircleIcon } from '../shared/icons.js';
import { useLoad } from '../shared/useLoad.js';
import { IpRangesField } from './IpRangesField.js';
import { ServiceDialog } from './ServiceDialog.js';
import { changedParts, draftProblems, excludedByDraft, hasProblems, ipRangesInput, type ClientDraft } from './validation.js';
import { newRequestKey } from '../credentials/request-key.js';

interface Loaded {
  readonly catalogue: readonly Service[];
  readonly client: ApiClient | undefined;
  /** The addresses the vendor used recently, to warn before new ranges shut them out (none for a new client). */
  readonly addresses: Activity['addresses'];
}

/** "API-Client definitie": add a client (`id` undefined) or edit one. */
export function ClientForm({ id }: { id?: string }) {
  const { t } = useTranslation();
  const api = useApiClient();
  const [load, reload] = useLoad<Loaded>(async () => {
    const [catalogue, client, activity] = await Promise.all([
      api.services(),
      id ? api.getClient(id) : Promise.resolve(undefined),
      // Without the activity the form still works: the API then refuses a change that shuts the vendor out.
      id ? api.activity(id).catch(() => undefined) : Promise.resolve(undefined),
    ]);
    return { catalogue, client, addresses: activity?.addresses ?? [] };
  }, [api, id]);
  if (load.state === 'loading') {
    return (
      <PageSection>
        <Spinner aria-label={t('common.loading')} data-testid="loading" />
      </PageSection>
    );
  }
  if (load.state === 'failed') {
    return (
      <PageSection>
        <ErrorState title={t('form.loadFailed')} error={load.error} onRetry={reload} />
      </PageSection>
    );
  }
  return (
    <ClientFormBody key={id ?? 'new'} catalogue={load.value.catalogue} existing={load.value.client} addresses={load.value.addresses} />
  );
}

type Dialog =
  | { readonly kind: 'service' }
  | { readonly kind: 'discard'; readonly leave: () => void }
  | { readonly kind: 'regenerate'; readonly client: ApiClient }
  | { readonly kind: 'credentials'; readonly credentials: Credentials; readonly regenerated: boolean };

function ClientFormBody({
  catalogue,
  existing,
  addresses,
}: {
  catalogue: readonly Service[];
  existing: ApiClient | undefined;
  addresses: Activity['addresses'];
}) {
  const { t } = useTranslation();
  const api = useApiClient();
  const alert = useAlerts();
  const { navigate, previous } = useNavigation();
  const nameId = useId();
  const servicesHeadingId = useId();
  const nameInput = useRef<HTMLInputElement>(null);
  const form = useRef<HTMLFormElement>(null);

  const [saved, setSaved] = useState<ApiClient | undefined>(existing);
  const [draft, setDraft] = useState<ClientDraft>({
    name: existing?.name ?? '',
    services: [...(existing?.services ?? [])],
    // Stored ranges were confirmed when they were saved: a wide one stays confirmed until it is edited.
    ipRanges: (existing?.ipRanges ?? []).map((text) => ({ text, confirmWide: true })),
  });
  const [dirty, setDirty] = useState(false);
  const [nameTouched, setNameTouched] = useState(false);
  const [touchedRanges, setTouchedRanges] = useState<ReadonlySet<number>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<Readonly<Record<string, string>>>({});
  /** What the API said about the last attempt; any change to the draft makes it stale. */
  const [serverError, setServerError] = useState<string | undefined>();
  /** How many IP range lines there were at the last attempt: lines added since are judged once they are touched. */
  const [checkedRanges, setCheckedRanges] = useState(0);
  const [busy, setBusy] = useState<'save' | 'generate' | undefined>();
  const [dialog, setDialog] = useState<Dialog | undefined>();
  // How long the first Client Paswoord works; a regeneration asks again in its own dialog.
  const [lifetime, setLifetime] = useState<number | undefined>();
  /** The addresses whose shutting out the administrator confirmed: a confirmation holds for that list only. */
  const [confirmedExcluded, setConfirmedExcluded] = useState<string | undefined>();

  // Keyboard and screen-reader users start where the work starts.
  useEffect(() => nameInput.current?.focus(), []);

  // Where the form was opened from: an edit started on the detail page goes back there.
  const [returnTo] = useState<Route>(() =>
    existing && previous?.name === 'detail' && previous.id === existing.id ? toClient(existing.id) : toOverview(),
  );
  /** Set when the form itself moves on (saved, generated): nothing is lost then. */
  const leaving = useRef(false);
  const finish = (route: Route) => {
    leaving.current = true;
    navigate(route);
  };
  useLeaveGuard(dirty, (leave) => (leaving.current ? leave() : setDialog({ kind: 'discard', leave })));

  const problems = draftProblems(draft);
  const excluded = excludedByDraft(draft.ipRanges, saved?.ipRanges ?? [], addresses, new Date());
  const excludedKey = excluded.map((e) => e.ipAddress).join(' ');
  const excludedConfirmed = excluded.length === 0 || confirmedExcluded === excludedKey;
  const update = (change: Partial<ClientDraft>, clearServerError: string) => {
    setDraft((d) => ({ ...d, ...change }));
    setDirty(true);
    setServerErrors(({ [clearServerError]: _cleared, ...rest }) => rest);
    setServerError(undefined);
  };
  const serviceLabel = useServiceLabel();
  const label = (serviceId: string) => catalogue.find((s) => s.id === serviceId)?.label ?? serviceLabel(serviceId);

  const nameError =
    serverErrors.name ??
    ((nameTouched || submitted) && problems.name ? t(`form.nameErrors.${problems.name}`, { max: limits.nameMaxCharacters }) : undefined);
  const servicesError =
    serverErrors.services ??
    (submitted && problems.services ? t(`form.errors.${problems.services}`, { max: limits.servicesPerClient }) : undefined);
  // "Check the marked fields" holds only while there is something to fix.
  const formError = serverError ?? (submitted && (hasProblems(problems) || !excludedConfirmed) ? t('form.fixErrors') : undefined);
  const rangesError =
    serverErrors.ipRanges ?? (problems.ipRanges ? t(`form.errors.${problems.ipRanges}`, { max: limits.ipRangesPerClient }) : undefined);

  /** Marks the draft as submitted; false (with the focus on the first field to fix) when it cannot be saved. */
  function draftAccepted(): boolean {
    setSubmitted(true);
    setCheckedRanges(draft.ipRanges.length);
    setServerError(undefined);
    if (!hasProblems(problems) && excludedConfirmed) return true;
    const badRange = problems.ipRange.findIndex((p) => p !== undefined);
    if (problems.name) nameInput.current?.focus();
    else if (badRange >= 0) form.current?.querySelector<HTMLElement>(`[data-testid="ip-range-${badRange}"]`)?.focus();
    else if (!excludedConfirmed) form.current?.querySelector<HTMLElement>('[data-testid="ip-ranges-excluded-confirm"]')?.focus();
    return false;
  }

  /** Saves when needed; the saved client, or undefined when the draft or the API refused. */
  async function save(): Promise<ApiClient | undefined> {
    if (!draftAccepted()) return undefined;
    if (saved && !dirty) return saved;
    const changes = saved ? changedParts(draft, saved, problems.wide) : undefined;
    // Edited back to what it was: nothing to send.
    if (saved && changes && Object.keys(changes).length === 0) {
      setDirty(false);
      return saved;
    }
    try {
      const client =
        saved && changes
          ? await api.updateClient(
              saved.id,
              changes.ipRanges && excluded.length > 0 ? { ...changes, confirmExcludedAddresses: true } : changes,
            )
          : await api.createClient({ name: draft.name.trim(), services: [...draft.services], ipRanges: ipRangesInput(draft.ipRanges) });
      setSaved(client);
      setDirty(false);
      return client;
    } catch (error) {
      if (error instanceof ApiError && error.code === 'conflict') {
        setServerErrors({ name: t('errors.conflict') });
        nameInput.current?.focus();
      } else if (error instanceof ApiError && Object.keys(error.fields).length > 0) {
        setServerErrors(error.fields);
      }
      setServerError(errorText(t, error));
      return undefined;
    }
  }

  async function onSave() {
    setBusy('save');
    const wasNew = saved === undefined;
    const client = await save();
    setBusy(undefined);
    if (!client) return;
    alert('success', t(wasNew ? 'alerts.created' : 'alerts.updated', { name: client.name }));
    finish(wasNew ? toOverview(undefined, client.id) : returnTo.name === 'overview' ? toOverview(undefined, client.id) : returnTo);
  }

  async function generate(client: ApiClient, revokePrevious: boolean, regenerating: boolean, expiresInDays: number | undefined) {
    try {
      const credentials = await api.generateCredentials(client.id, { revokePrevious, requestKey: newRequestKey(), expiresInDays });
      setDialog({ kind: 'credentials', credentials, regenerated: regenerating });
    } catch (error) {
      setDialog(undefined);
      setServerError(errorText(t, error));
    }
  }

  async function onGenerate() {
    if (saved) {
      // An existing client: nothing is saved before the administrator confirmed (a changed IP range can lock the
      // vendor out); the confirmation says whether the changes go with it.
      if (draftAccepted()) setDialog({ kind: 'regenerate', client: saved });
      return;
    }
    setBusy('generate');
    const client = await save();
    if (client) await generate(client, false, false, lifetime);
    setBusy(undefined);
  }

  /** After the confirmation: save the changes, if any, then generate. */
  async function saveAndGenerate(client: ApiClient, revokePrevious: boolean, expiresInDays: number | undefined) {
    const current = await save();
    if (!current) {
      setDialog(undefined);
      return;
    }
    await generate(current, revokePrevious, client.credentialsGeneratedAt !== undefined, expiresInDays);
  }

  const addedServices = draft.services;
  return (
    <>
      <PageSection>
        <div className="focus-api-access__form-actions">
          <Button variant="link" onClick={() => navigate(returnTo)} isDisabled={busy !== undefined} data-testid="form-cancel">
            {t('form.cancel')}
          </Button>
          <Button variant="secondary" onClick={onSave} isLoading={busy === 'save'} isDisabled={busy !== undefined} data-testid="form-save">
            {saved ? t('form.save') : t('form.create')}
          </Button>
          <Button
            variant="primary"
            onClick={onGenerate}
            isLoading={busy === 'generate'}
            isDisabled={busy !== undefined}
            data-testid="form-generate"
          >
            {t('form.generate')}
          </Button>
        </div>
        <Title headingLevel="h1">{t('form.title')}</Title>
      </PageSection>
      <PageSection>
        <Form
          ref={form}
          className="focus-api-access__form"
          onSubmit={(event) => {
            event.preventDefault();
            void onSave();
          }}
          noValidate
        >
          {formError && <Notice variant="danger" isInline title={formError} data-testid="form-error" />}
          <FormGroup label={t('form.name')} isRequired fieldId={nameId}>
            <TextInput
              id={nameId}
              ref={nameInput}
              isRequired
              value={draft.name}
              onChange={(_event, value) => update({ name: value }, 'name')}
              onBlur={() => setNameTouched(true)}
              validated={nameError ? 'error' : 'default'}
              aria-describedby={`${nameId}-helper`}
              // A stop well past the limit (the browser counts UTF-16 units); the check above counts characters.
              maxLength={limits.nameMaxCharacters * 2}
              autoComplete="off"
              data-testid="client-name"
            />
            <FormHelperText>
              <HelperText id={`${nameId}-helper`} isLiveRegion>
                {nameError ? (
                  <StatusText variant="error" data-testid="client-name-error">
                    {nameError}
                  </StatusText>
                ) : (
                  <StatusText>{t('form.nameHelp')}</StatusText>
                )}
              </HelperText>
            </FormHelperText>
          </FormGroup>

          <FormSection>
            {/* Heading and its button side by side, as in the manual; the button is no part of the heading. */}
            <div className="focus-api-access__section-title">
              <h2 id={servicesHeadingId} className="pf-v6-c-form__section-title">
                {t('form.services')}
              </h2>
              <Button
                variant="link"
                isInline
                icon={<PlusCircleIcon />}
                onClick={() => setDialog({ kind: 'service' })}
                aria-describedby={servicesHeadingId}
                data-testid="add-service"
              >
                {t('form.addService')}
              </Button>
            </div>
            {addedServices.length === 0 ? (
              <div className="focus-api-access__empty" data-testid="no-services">
                <Content component="p">{t('form.noServices')}</Content>
                <Button
                  variant="link"
                  isInline
                  icon={<PlusCircleIcon />}
                  onClick={() => setDialog({ kind: 'service' })}
                  data-testid="add-service-empty"
                >
                  {t('form.addServiceLink')}
                </Button>
              </div>
            ) : (
              <LabelGroup
                aria-label={t('form.services')}
                numLabels={20}
                className="focus-api-access__services"
                collapsedText={t('labels.more', { remaining: '${remaining}' })}
                expandedText={t('labels.less')}
                data-testid="services"
              >
                {addedServices.map((serviceId) => (
                  <Label
                    key={serviceId}
                    color="blue"
                    onClose={() => update({ services: addedServices.filter((s) => s !== serviceId) }, 'services')}
                    closeBtnAriaLabel={t('form.removeService', { label: label(serviceId) })}
                    closeBtnProps={{ 'data-testid': `service-${serviceId}-remove` } as object}
                    data-testid={`service-${serviceId}`}
                  >
                    {label(serviceId)}
                  </Label>
                ))}
              </LabelGroup>
            )}
            {servicesError && (
              <HelperText isLiveRegion>
                <StatusText variant="error" data-testid="services-error">
                  {servicesError}
                </StatusText>
              </HelperText>
            )}
          </FormSection>

          <FormSection title={t('form.security')} titleElement="h2">
            <Content component="p" className="focus-api-access__info">
              <InfoCircleIcon aria-hidden /> {t('form.ipInfo')}
            </Content>
            <HelperText>
              <StatusText>{t('form.ipHelp')}</StatusText>
            </HelperText>
            <IpRangesField
              ranges={draft.ipRanges}
              problems={problems.ipRange}
              wide={problems.wide}
              submitted={submitted}
              showProblem={(index) => index < checkedRanges || touchedRanges.has(index) || draft.ipRanges[index]?.text !== ''}
              listProblem={rangesError}
              excluded={excluded}
              excludedConfirmed={excludedConfirmed}
              onConfirmExcluded={(confirmed) => setConfirmedExcluded(confirmed ? excludedKey : undefined)}
              onChange={(ipRanges) => {
                if (ipRanges.length < draft.ipRanges.length) {
                  setTouchedRanges(new Set());
                  setCheckedRanges((checked) => Math.max(0, checked - (draft.ipRanges.length - ipRanges.length)));
                }
                update({ ipRanges }, 'ipRanges');
              }}
              onBlur={(index) => setTouchedRanges((s) => new Set(s).add(index))}
            />
            {/* A saved client chooses in the confirmation before its credentials are generated. */}
            {!saved && <LifetimeChoice value={lifetime} onChange={setLifetime} />}
          </FormSection>
        </Form>
      </PageSection>

      {dialog?.kind === 'service' && (
        <ServiceDialog
          available={catalogue.filter((s) => !addedServices.includes(s.id))}
          onAdd={(service) => {
            update({ services: [...addedServices, service.id] }, 'services');
            setDialog(undefined);
          }}
          onCancel={() => setDialog(undefined)}
        />
      )}
      {dialog?.kind === 'discard' && (
        <ConfirmDialog
          title={t('form.discardTitle')}
          confirmLabel={t('form.discardConfirm')}
          danger
          testId="discard-dialog"
          onConfirm={() => {
            leaving.current = true;
            setDialog(undefined);
            dialog.leave();
          }}
          onCancel={() => setDialog(undefined)}
        >
          {t('form.discardBody')}
        </ConfirmDialog>
      )}
      {dialog?.kind === 'regenerate' && (
        <RegenerateDialog
          client={dialog.client}
          unsavedChanges={dirty}
          onConfirm={(revoke, days) => saveAndGenerate(dialog.client, revoke, days)}
          onCancel={() => setDialog(undefined)}
        />
      )}
      {dialog?.kind === 'credentials' && (
        <CredentialsDialog
          credentials={dialog.credentials}
          regenerated={dialog.regenerated}
          onClose={() => {
            setDialog(undefined);
            alert('success', t('alerts.credentialsGenerated', { name: saved?.name ?? dialog.credentials.clientId }));
            finish(returnTo.name === 'overview' ? toOverview(undefined, saved?.id) : returnTo);
          }}
        />
      )}
    </>
  );
}
