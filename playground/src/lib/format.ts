// Small display helpers.
export function json(value: unknown): string {
  return JSON.stringify(value, null, 2) ?? 'undefined';
}

export function short(hash: string | undefined, n = 10): string {
  return hash ? `${hash.slice(0, n)}…` : '';
}

export function download(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const a = Object.assign(document.createElement('a'), { href: url, download: name });
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
