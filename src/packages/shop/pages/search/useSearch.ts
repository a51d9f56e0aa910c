import { useEffect, useRef, useState } from 'react';
import type { CatalogProduct } from '@contract/catalog';
import { callCloud, toCloudCallError } from '@/services/cloud';

/** Typing pauses this long before the shop asks: one request per word, not per keystroke. */
export const SEARCH_DEBOUNCE_MS = 300;
/** As `catalog.search` accepts it. */
export const MAX_QUERY_LENGTH = 20;

type Answer = { key: string; products: CatalogProduct[] } | { key: string; error: string };

export interface ProductSearch {
  query: string;
  setQuery: (query: string) => void;
  /** What is searched: the query without surrounding spaces; empty = not searching. */
  term: string;
  status: 'idle' | 'searching' | 'done' | 'error';
  products: CatalogProduct[];
  error: string | null;
  retry: () => void;
}

/**
 * Searching the store's shelf (`catalog.search`), debounced. Only the latest request counts: an
 * answer for an older word, or for the store the member just left, is dropped.
 */
export function useSearch(storeId: string | null): ProductSearch {
  const [query, setQuery] = useState('');
  const [answer, setAnswer] = useState<Answer | null>(null);
  const [attempt, setAttempt] = useState(0);
  const latest = useRef(0);
  const term = query.trim().slice(0, MAX_QUERY_LENGTH);
  const key = storeId && term ? `${storeId}\n${term}\n${attempt}` : '';

  useEffect(() => {
    const call = ++latest.current;
    if (!storeId || !term) return undefined;
    const timer = setTimeout(() => {
      callCloud('catalog', { action: 'search', storeId, q: term }).then(
        ({ products }) => call === latest.current && setAnswer({ key, products }),
        (err: unknown) => call === latest.current && setAnswer({ key, error: toCloudCallError(err).message }),
      );
    }, SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
    // key covers storeId, term and attempt
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);

  const current = key && answer?.key === key ? answer : null;
  const status = !key ? 'idle' : !current ? 'searching' : 'error' in current ? 'error' : 'done';
  return {
    query,
    setQuery,
    term,
    status,
    products: current && 'products' in current ? current.products : [],
    error: current && 'error' in current ? current.error : null,
    retry: () => setAttempt((n) => n + 1),
  };
}
