/**
 * Writes one URL parameter, or deletes it for null or '': an empty parameter says nothing a codec
 * would read (every parse treats a blank value as absent), so the URL never carries `?key=`.
 */
export function setOrDelete(params: URLSearchParams, key: string, value: string | null): void {
  if (value === null || value === '') {
    params.delete(key);
  } else {
    params.set(key, value);
  }
}
