import { credentials } from './api';

/** Downloads an API answer as a file, with the same credentials as every other request. */
export async function download(path: string, filename: string): Promise<void> {
  const key = credentials.apiKey();
  const res = await fetch(path, { headers: key ? { authorization: `Bearer ${key}` } : {}, credentials: 'same-origin' });
  if (!res.ok) throw new Error(`${res.status} ${res.statusText}`);
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
