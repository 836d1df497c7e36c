/// <reference lib="dom" />
/**
 * The HTML report's script. It runs in the reader's browser, inlined into the page as the source text of
 * this function (so it must not use anything outside itself): it reads the report's data from a JSON
 * script element, colours the map, draws the charts and runs the table. Every piece of package text goes
 * into the page through `textContent`, never as markup.
 */
export function clientMain(): void {
  type Dimension = 'vendor' | 'maintainer' | 'hosting';
  interface Row {
    name: string;
    version: string;
    risk: string;
    vendor: string;
    countries: Record<Dimension, string[]>;
    provenance: string;
    explain: string;
  }
  interface Data {
    levels: string[];
    rows: Row[];
    countryNames: Record<string, string>;
  }
  const data = JSON.parse(document.getElementById('sovscan-data')!.textContent!) as Data;
  const state = { dimension: 'vendor' as Dimension, sort: 'risk', descending: false, query: '', risk: '', country: '' };
  const levelRank = (level: string) => (data.levels.indexOf(level) < 0 ? data.levels.length : data.levels.indexOf(level));
  const el = <K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string): HTMLElementTagNameMap[K] => {
    const e = document.createElement(tag);
    if (text !== undefined) e.textContent = text;
    if (className) e.className = className;
    return e;
  };
  const countryLabel = (code: string) => (data.countryNames[code] ? `${data.countryNames[code]} (${code})` : code);

  function counts(dimension: Dimension): Map<string, number> {
    const out = new Map<string, number>();
    for (const row of data.rows) for (const c of row.countries[dimension]) out.set(c, (out.get(c) ?? 0) + 1);
    return out;
  }

  function renderMap(): void {
    const byCountry = counts(state.dimension);
    const max = Math.max(1, ...byCountry.values());
    document.querySelectorAll<SVGPathElement>('#sovscan-map path[data-cc]').forEach((path) => {
      const code = path.getAttribute('data-cc')!;
      const n = byCountry.get(code) ?? 0;
      // Five steps on a logarithmic scale: one package and a thousand must both show.
      const step = n === 0 ? 0 : 1 + Math.min(4, Math.floor((Math.log(n) / Math.log(max + 1)) * 5));
      path.setAttribute('class', `c${step}`);
      const title = path.querySelector('title')!;
      title.textContent = `${countryLabel(code)}: ${n} package${n === 1 ? '' : 's'} (${state.dimension})`;
    });
    document.querySelectorAll<HTMLButtonElement>('[data-dimension]').forEach((b) => b.setAttribute('aria-pressed', String(b.dataset.dimension === state.dimension)));
    document.getElementById('sovscan-map-caption')!.textContent = `Packages per country, ${state.dimension} dimension: ${byCountry.size} countr${byCountry.size === 1 ? 'y' : 'ies'}.`;
  }

  /** Bars scaled to the largest entry, each labelled with its number. */
  function bars(target: string, entries: [string, number][]): void {
    const box = document.getElementById(target)!;
    const largest = Math.max(1, ...entries.map(([, n]) => n));
    box.replaceChildren();
    if (entries.length === 0) box.append(el('p', 'None.', 'muted'));
    for (const [label, n] of entries) {
      const line = el('div', undefined, 'bar');
      const name = el('span', label, 'bar-label');
      name.title = label;
      line.append(name);
      const track = el('span', undefined, 'bar-track');
      const fill = el('span', undefined, 'bar-fill');
      fill.style.width = `${Math.max(1, Math.round((n / largest) * 100))}%`;
      track.append(fill);
      line.append(track, el('span', String(n), 'bar-value'));
      box.append(line);
    }
  }

  function renderCharts(): void {
    const byLevel = new Map<string, number>();
    for (const row of data.rows) byLevel.set(row.risk || 'none', (byLevel.get(row.risk || 'none') ?? 0) + 1);
    bars('sovscan-chart-levels', data.levels.filter((l) => byLevel.has(l)).map((l) => [l, byLevel.get(l)!]));
    bars('sovscan-chart-countries', [...counts(state.dimension)].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, 15).map(([c, n]) => [countryLabel(c), n]));
    const byVendor = new Map<string, number>();
    for (const row of data.rows) if (row.vendor) byVendor.set(row.vendor, (byVendor.get(row.vendor) ?? 0) + 1);
    bars('sovscan-chart-vendors', [...byVendor].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, 15));
    document.getElementById('sovscan-chart-countries-title')!.textContent = `Countries, ${state.dimension} dimension (top 15)`;
  }

  const columns: { key: string; value: (r: Row) => string }[] = [
    { key: 'name', value: (r) => r.name },
    { key: 'version', value: (r) => r.version },
    { key: 'risk', value: (r) => r.risk },
    { key: 'vendor', value: (r) => r.vendor },
    { key: 'vendor-country', value: (r) => r.countries.vendor.join(' ') || 'unknown' },
    { key: 'maintainer-country', value: (r) => r.countries.maintainer.join(' ') || 'unknown' },
    { key: 'hosting-country', value: (r) => r.countries.hosting.join(' ') || 'unknown' },
    { key: 'provenance', value: (r) => r.provenance },
  ];

  function visibleRows(): Row[] {
    const q = state.query.trim().toLowerCase();
    const rows = data.rows.filter(
      (r) =>
        (!state.risk || r.risk === state.risk) &&
        (!state.country || (['vendor', 'maintainer', 'hosting'] as Dimension[]).some((d) => r.countries[d].includes(state.country))) &&
        (!q || columns.some((c) => c.value(r).toLowerCase().includes(q))),
    );
    const column = columns.find((c) => c.key === state.sort)!;
    const compare = state.sort === 'risk' ? (a: Row, b: Row) => levelRank(a.risk) - levelRank(b.risk) : (a: Row, b: Row) => column.value(a).localeCompare(column.value(b), undefined, { numeric: true });
    rows.sort((a, b) => compare(a, b) || a.name.localeCompare(b.name));
    if (state.descending) rows.reverse();
    return rows;
  }

  function renderTable(): void {
    const rows = visibleRows();
    const body = document.getElementById('sovscan-rows')!;
    body.replaceChildren();
    rows.forEach((row, i) => {
      const tr = el('tr');
      tr.dataset.name = row.name;
      const first = el('td');
      const toggle = el('button', row.name, 'details-toggle');
      toggle.type = 'button';
      toggle.setAttribute('aria-expanded', 'false');
      toggle.setAttribute('aria-controls', `sovscan-details-${i}`);
      first.append(toggle);
      tr.append(first);
      for (const column of columns.slice(1)) {
        const td = el('td', column.value(row));
        if (column.key === 'risk') td.className = `level level-${row.risk || 'none'}`;
        tr.append(td);
      }
      const details = el('tr', undefined, 'details');
      details.id = `sovscan-details-${i}`;
      details.hidden = true;
      const cell = el('td');
      cell.colSpan = columns.length;
      details.append(cell);
      toggle.addEventListener('click', () => {
        const open = toggle.getAttribute('aria-expanded') !== 'true';
        toggle.setAttribute('aria-expanded', String(open));
        if (open && !cell.firstChild) cell.append(el('pre', row.explain));
        details.hidden = !open;
      });
      body.append(tr, details);
    });
    document.getElementById('sovscan-count')!.textContent = `Showing ${rows.length} of ${data.rows.length} packages`;
    document.querySelectorAll<HTMLButtonElement>('th button[data-sort]').forEach((b) => {
      const th = b.parentElement!;
      if (b.dataset.sort === state.sort) th.setAttribute('aria-sort', state.descending ? 'descending' : 'ascending');
      else th.removeAttribute('aria-sort');
    });
  }

  document.querySelectorAll<HTMLButtonElement>('[data-dimension]').forEach((button) =>
    button.addEventListener('click', () => {
      state.dimension = button.dataset.dimension as Dimension;
      renderMap();
      renderCharts();
    }),
  );
  document.querySelectorAll<HTMLButtonElement>('th button[data-sort]').forEach((button) =>
    button.addEventListener('click', () => {
      state.descending = state.sort === button.dataset.sort ? !state.descending : false;
      state.sort = button.dataset.sort!;
      renderTable();
    }),
  );
  const search = document.getElementById('sovscan-search') as HTMLInputElement;
  search.addEventListener('input', () => {
    state.query = search.value;
    renderTable();
  });
  const riskFilter = document.getElementById('sovscan-filter-risk') as HTMLSelectElement;
  riskFilter.addEventListener('change', () => {
    state.risk = riskFilter.value;
    renderTable();
  });
  const countryFilter = document.getElementById('sovscan-filter-country') as HTMLSelectElement;
  const allCountries = new Set<string>();
  for (const row of data.rows) for (const d of ['vendor', 'maintainer', 'hosting'] as Dimension[]) for (const c of row.countries[d]) allCountries.add(c);
  for (const code of [...allCountries].sort()) {
    const option = el('option', countryLabel(code));
    option.value = code;
    countryFilter.append(option);
  }
  countryFilter.addEventListener('change', () => {
    state.country = countryFilter.value;
    renderTable();
  });
  renderMap();
  renderCharts();
  renderTable();
  document.body.dataset.ready = String(Math.round(performance.now()));
}
