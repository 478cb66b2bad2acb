import type { Languages } from '@nobel-pipeline/schemas';
import { allLanguages, htmlLang } from './names';

/** A motivation in every language the record has, each marked with its language. */
export function Motivations({ texts }: { texts: Languages | undefined }) {
  const entries = allLanguages(texts);
  if (entries.length === 0) return null;
  return (
    <ul class="motivations">
      {entries.map(([lang, text]) => (
        <li key={lang}>
          <span class="lang">{lang}:</span> <q lang={htmlLang(lang)}>{text}</q>
        </li>
      ))}
    </ul>
  );
}
