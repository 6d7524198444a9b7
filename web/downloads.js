// Files the page hands to the user (UI helper): a download of text or a Blob, and the names
// exports get, after the spectrum's name as the CLI's outputs are after their prefix.

// data: text or a Blob
export function download(data, name, type) {
  const url = URL.createObjectURL(new Blob([data], { type }));
  const a = Object.assign(document.createElement('a'), { href: url, download: name });
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

// A source's name without its extension, safe as a file name.
export const fileBase = (name) => (name || 'spectrum').replace(/\.[^.]*$/, '').replace(/[^\w.-]+/g, '_');

// The name and type of an exported table: kind 'csv', 'json', 'lunanmr', 'nef', 'tab', 'sparky'
// or a series table ('rates' as `voigtfit series -o PREFIX` writes PREFIX.rates.csv).
export function resultFile(sourceName, kind) {
  const base = fileBase(sourceName);
  const extension = { rates: 'rates.csv', sparky: 'list', lunanmr: 'lunanmr.csv' }[kind] || kind;
  const name = kind === 'rates' ? `${base}.rates.csv` : `${base}.voigtfit.${extension}`;
  const type = kind === 'json' ? 'application/json' : kind === 'csv' || kind === 'rates' ? 'text/csv' : 'text/plain';
  return { name, type };
}
