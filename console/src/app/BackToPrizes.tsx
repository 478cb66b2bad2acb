/** The link back to the prize list as last seen (its filters), above a prize or a laureate. */
export function BackToPrizes({ href }: { href: string }) {
  return (
    <p>
      <a href={href}>Back to prizes</a>
    </p>
  );
}
