/**
 * The contract between the API Toegang page and the application that embeds it (FOCUS, or the development host).
 * README.md beside this folder explains it in prose; this file is its typed form.
 */

/** What the host hands the page. */
export interface ApiAccessOptions {
  /**
   * Where the provisioner's HTTP API lives: origin and optional path prefix in front of `/api/v1`
   * (e.g. `https://focus.example/api-access`). Empty string: the page's own origin.
   */
  readonly apiBaseUrl: string;
  /**
   * Returns a valid access token of realm `focus` for the signed-in user, refreshed when it is about to expire
   * (keycloak-js: `await keycloak.updateToken(30); return keycloak.token`). Called before every API request.
   * A rejection is shown as an expired session.
   */
  readonly getAccessToken: () => Promise<string>;
  /** The host's locale ("nl", "fr", "en", or a regional form like "fr-BE"); anything else shows Dutch. Default "nl". */
  readonly locale?: string;
  /**
   * The path the host mounted the page under (e.g. `/beheer/api-toegang`). The page then keeps its own routes
   * below it in the browser history (`…/nieuw`, `…/{id}`, `…/{id}/bewerken`), and the host must answer those
   * paths with its own page. Without it, the page keeps its route in memory.
   */
  readonly basePath?: string;
}

/** What {@link mount} returns: call it to unmount; `update` passes new options (e.g. a changed locale). */
export interface MountedPage {
  (): void;
  update(options: Partial<ApiAccessOptions>): void;
}
