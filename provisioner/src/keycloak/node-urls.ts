/**
 * `KEYCLOAK_URL` as a list: the base URL of every Keycloak node the provisioner may talk to, comma-separated, in
 * order of preference. Pure: reads one text, returns the URLs and one message per bad entry.
 */

export interface ParsedKeycloakUrls {
  /** Normalised (no trailing slash), in the order given. */
  readonly urls: readonly string[];
  /** One message per problem, naming the entry at fault. Empty when the list is good. */
  readonly problems: readonly string[];
}

const EXAMPLE = 'e.g. http://localhost:8080, or one URL per node: http://keycloak-1:8080,http://keycloak-2:8080';

/**
 * @example
 * parseKeycloakUrls('http://kc-1:8080, http://kc-2:8080/').urls; // ['http://kc-1:8080', 'http://kc-2:8080']
 */
export function parseKeycloakUrls(raw: string | undefined, variable = 'KEYCLOAK_URL'): ParsedKeycloakUrls {
  if (raw === undefined || raw.trim() === '') return { urls: [], problems: [`${variable} is required (${EXAMPLE})`] };
  const entries = raw.split(',').map((entry) => entry.trim());
  const problems: string[] = [];
  const urls: string[] = [];
  const seen = new Map<string, number>();
  entries.forEach((entry, index) => {
    const position = entries.length > 1 ? ` entry ${index + 1}` : '';
    if (entry === '') {
      problems.push(`${variable}${position} is empty: separate node URLs with single commas`);
      return;
    }
    let parsed: URL;
    try {
      parsed = new URL(entry);
    } catch {
      problems.push(`${variable}${position} must be an http(s) URL, got "${entry}"`);
      return;
    }
    // Checked before anything echoes the entry: a user name or password in it must not reach a log.
    if (parsed.username !== '' || parsed.password !== '') {
      problems.push(`${variable}${position} must not contain a user name or password`);
      return;
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
      problems.push(`${variable}${position} must be an http(s) URL, got "${entry}"`);
      return;
    }
    if (parsed.search !== '' || parsed.hash !== '') {
      problems.push(`${variable}${position} must be a base URL without query or fragment, got "${entry}"`);
      return;
    }
    const url = `${parsed.origin}${parsed.pathname}`.replace(/\/+$/, '');
    const earlier = seen.get(url);
    if (earlier !== undefined) {
      problems.push(`${variable} lists ${url} twice (entries ${earlier + 1} and ${index + 1}): name each node once`);
      return;
    }
    seen.set(url, index);
    urls.push(url);
  });
  return { urls: problems.length > 0 ? [] : urls, problems };
}

/**
 * The node URLs of a programmatic caller (one URL or a list), checked like the environment variable.
 * Throws a TypeError naming every problem.
 */
export function keycloakUrlsOf(input: string | readonly string[]): readonly string[] {
  const { urls, problems } = parseKeycloakUrls(typeof input === 'string' ? input : input.join(','), 'keycloakUrl');
  if (problems.length > 0) throw new TypeError(problems.join('; '));
  return urls;
}
