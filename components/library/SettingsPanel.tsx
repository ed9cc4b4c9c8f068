// Settings: how read papers look on listings, which site opens a paper, the keys, the sites Margins works on.

import { KeyTable } from '../Toolbar';
import type { Settings } from '../../lib/types';

export const SUPPORTED_SITES: { name: string; pages: string }[] = [
  {
    name: 'huggingface.co/papers',
    pages: 'Daily, weekly and monthly papers, trending, and each paper page',
  },
  { name: 'arxiv.org/list', pages: 'New, recent and past listings of every category' },
  { name: 'arxiv.org/abs', pages: 'Abstract pages' },
  { name: 'arxiv.org/search', pages: 'Search results' },
  { name: 'arxiv.org/catchup', pages: 'Catch-up listings' },
];

const APPEARANCES: { value: Settings['readAppearance']; label: string }[] = [
  { value: 'dim', label: 'Dim them' },
  { value: 'hide', label: 'Hide them' },
  { value: 'none', label: 'Show them as usual' },
];

const SITES: { value: Settings['openOn']; label: string }[] = [
  { value: 'arxiv', label: 'arXiv' },
  { value: 'huggingface', label: 'Hugging Face' },
];

export function SettingsPanel({
  settings,
  onChange,
}: {
  settings: Settings;
  onChange: (patch: Partial<Settings>) => void;
}) {
  return (
    <section class="settings" aria-labelledby="settings-heading">
      <h2 id="settings-heading">Settings</h2>
      <fieldset>
        <legend>Read papers on listings</legend>
        {APPEARANCES.map(({ value, label }) => (
          <label key={value}>
            <input
              type="radio"
              name="readAppearance"
              checked={settings.readAppearance === value}
              onChange={() => onChange({ readAppearance: value })}
            />
            {label}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>Open papers on</legend>
        {SITES.map(({ value, label }) => (
          <label key={value}>
            <input
              type="radio"
              name="openOn"
              checked={settings.openOn === value}
              onChange={() => onChange({ openOn: value })}
            />
            {label}
          </label>
        ))}
      </fieldset>
      <h3>Keyboard shortcuts on listings</h3>
      <KeyTable class="keys" />
      <h3>Where Margins works</h3>
      <ul class="sites">
        {SUPPORTED_SITES.map((site) => (
          <li key={site.name}>
            <strong>{site.name}</strong> — {site.pages}
          </li>
        ))}
      </ul>
      <p class="hint">
        Your library stays in this browser. Margins asks only the Hugging Face and arXiv APIs, and only about
        papers: their code links and, for exports, their metadata.
      </p>
    </section>
  );
}
