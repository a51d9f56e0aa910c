/**
 * A store's distance as 门店 and the voucher show it: whole metres below a kilometre ("850 米"), one
 * decimal to a hundred kilometres ("1.2 公里"), whole kilometres beyond ("1213 公里"). The one place
 * distances are formatted.
 */
export function formatDistance(metres: number): string {
  const m = Math.max(0, Math.round(metres));
  if (m < 1000) return `${m} 米`;
  const km = m / 1000;
  // 99 960 m would round to "100.0": past 100 km the decimal says nothing anyway.
  if (km < 99.95) return `${km.toFixed(1)} 公里`;
  return `${Math.round(km)} 公里`;
}
