/**
 * A file-system-safe slug of a kelurahan name for folder names that every unzip tool, Windows included,
 * accepts: ASCII lower case, digits and hyphens ("Jati Cempaka" → "jati-cempaka", "Pejuang" → "pejuang").
 */
export function slugOf(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug || 'kelurahan';
}

/** The folder of one site in a proposal package: `<kelurahan kode>_<kelurahan name slug>`. */
export function siteFolderName(kelurahanKode: string, kelurahanNama: string): string {
  return `${kelurahanKode}_${slugOf(kelurahanNama)}`;
}

/** Makes names unique within one folder by numbering repeats before the extension: foto.jpg, foto-2.jpg. */
export function uniqueNamer(): (name: string) => string {
  const used = new Set<string>();
  return (name) => {
    const dot = name.lastIndexOf('.');
    const stem = dot > 0 ? name.slice(0, dot) : name;
    const extension = dot > 0 ? name.slice(dot) : '';
    let candidate = name;
    for (let n = 2; used.has(candidate.toLowerCase()); n += 1) candidate = `${stem}-${n}${extension}`;
    used.add(candidate.toLowerCase());
    return candidate;
  };
}
