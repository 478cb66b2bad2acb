/** Only web links are shown: a source could in principle send any scheme (javascript:). */
export function isWebLink(href: string | undefined): href is string {
  return href !== undefined && /^https?:\/\//i.test(href);
}
