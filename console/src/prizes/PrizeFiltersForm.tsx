import { useEffect, useState } from 'preact/hooks';
import { CATEGORIES } from '../contract/mirrored';
import { NO_FILTERS, type PrizeFilters } from './filters';

interface Props {
  filters: PrizeFilters;
  onApply: (filters: PrizeFilters) => void;
}

/** The list's filters as a form: Enter or Apply applies them, Clear removes them. */
export function PrizeFiltersForm({ filters, onApply }: Props) {
  const [draft, setDraft] = useState(filters);
  // The hash is the truth: a link or the back button changes the filters under the form.
  useEffect(() => setDraft(filters), [filters]);
  const field = (key: 'category' | 'year' | 'yearTo' | 'laureate') => ({
    value: draft[key],
    onInput: (e: { currentTarget: HTMLInputElement | HTMLSelectElement }) =>
      setDraft({ ...draft, [key]: e.currentTarget.value }),
  });

  return (
    <form
      class="filters"
      aria-label="Prize filters"
      onSubmit={(e) => {
        e.preventDefault();
        onApply({ ...draft, offset: 0 });
      }}
    >
      <div class="field">
        <label for="filter-category">Category</label>
        <select id="filter-category" {...field('category')}>
          <option value="">All</option>
          {CATEGORIES.map((c) => (
            <option key={c.code} value={c.code}>
              {c.name} ({c.code})
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="filter-year">Year</label>
        <input id="filter-year" type="number" inputMode="numeric" {...field('year')} />
      </div>
      <div class="field">
        <label for="filter-year-to">To year</label>
        <input id="filter-year-to" type="number" inputMode="numeric" {...field('yearTo')} />
      </div>
      <div class="field">
        <label for="filter-laureate">Laureate name</label>
        <input id="filter-laureate" type="text" autocomplete="off" {...field('laureate')} />
      </div>
      <div class="buttons">
        <button type="submit">Apply</button>
        <button
          type="button"
          onClick={() => {
            setDraft(NO_FILTERS);
            onApply(NO_FILTERS);
          }}
        >
          Clear
        </button>
      </div>
    </form>
  );
}
