import { useCallback, useEffect, useState } from 'react';

export type Load<T> =
  { readonly state: 'loading' } | { readonly state: 'loaded'; readonly value: T } | { readonly state: 'failed'; readonly error: unknown };

/**
 * Runs `fetcher` now and whenever `deps` change or `reload()` is called; a late answer to an older request is
 * dropped, so typing in the search box never shows stale rows.
 */
export function useLoad<T>(fetcher: () => Promise<T>, deps: readonly unknown[]): [Load<T>, () => void] {
  const [load, setLoad] = useState<Load<T>>({ state: 'loading' });
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    let current = true;
    // Showing "loading" again when the query changes (and keeping rows already shown) is what this hook is for.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setLoad((previous) => (previous.state === 'loaded' ? previous : { state: 'loading' }));
    fetcher().then(
      (value) => current && setLoad({ state: 'loaded', value }),
      (error: unknown) => current && setLoad({ state: 'failed', error }),
    );
    return () => {
      current = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, generation]);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return [load, reload];
}
