/**
 * The category codes of the Nobel Prize API (its `nobelPrizeCategory` values): chemistry,
 * economic sciences, literature, peace, physics, physiology or medicine. The pipeline stores a
 * code it does not know as it comes (lossless), but the read API filters on these.
 */
export const CATEGORY_CODES = ['che', 'eco', 'lit', 'pea', 'phy', 'med'] as const;
export type CategoryCode = (typeof CATEGORY_CODES)[number];
