import { useCallback, useEffect, useState } from 'react';

export interface Loaded<T> {
  data: T | undefined;
  error: unknown;
  isLoading: boolean;
  reload: () => void;
}

/** Loads data when the component mounts or `key` changes; ignores answers that arrive after a newer request. */
export function useLoad<T>(load: () => Promise<T>, key: string): Loaded<T> {
  const [state, setState] = useState<{ data: T | undefined; error: unknown; isLoading: boolean }>({
    data: undefined,
    error: null,
    isLoading: true,
  });
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    let isCurrent = true;
    setState((prev) => ({ ...prev, error: null, isLoading: true }));
    load().then(
      (data) => {
        if (isCurrent) setState({ data, error: null, isLoading: false });
      },
      (error: unknown) => {
        if (isCurrent) setState((prev) => ({ ...prev, error, isLoading: false }));
      },
    );
    return () => {
      isCurrent = false;
    };
    // `load` is a fresh closure each render; `key` says when it means something new.
  }, [key, generation]);

  const reload = useCallback(() => setGeneration((n) => n + 1), []);
  return { ...state, reload };
}
