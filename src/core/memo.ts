/**
 * A memo for pure functions of short strings that recur row after row and file after file
 * (labels, codes, fonts). Bounded in count (cleared when full) and in key length, so that
 * neither a sheet of unique strings nor a few huge cells can make it grow. Results are
 * shared between callers: return immutable values.
 */
export function boundedMemo<T>(compute: (key: string) => T, maxEntries: number, maxKeyLength = Infinity): (key: string) => T {
  const memo = new Map<string, T>();
  return (key: string): T => {
    if (key.length > maxKeyLength) return compute(key);
    const known = memo.get(key);
    if (known !== undefined || memo.has(key)) return known as T;
    const value = compute(key);
    if (memo.size >= maxEntries) memo.clear();
    memo.set(key, value);
    return value;
  };
}
