/**
 * The shop's product search: what a shopper types against a product's name, its category's name
 * and its description. Chinese has no word breaks, so a term matches anywhere inside a field
 * (「草莓」 finds 「丹东红颜草莓」); spaces separate terms that must all match.
 */

/**
 * The terms of a query, as compared: NFKC (full-width letters and digits typed on a Chinese
 * keyboard as their plain forms: 「ＡＢＣ」 is 「abc」), lower case, split on any spaces (the
 * ideographic space too).
 */
export function searchTerms(q: string): string[] {
  return q
    .normalize('NFKC')
    .toLowerCase()
    .split(/\s+/u)
    .filter(Boolean);
}

export interface Searchable {
  name: string;
  description?: string;
}

/** Whether every term is in the product's name, category name or description; no terms: everything. */
export function matchesSearch(product: Searchable, categoryName: string, terms: readonly string[]): boolean {
  // A separator no term can hold, so a term never matches across two fields.
  const text = [product.name, categoryName, product.description ?? ''].join('\u0000').normalize('NFKC').toLowerCase();
  return terms.every((term) => text.includes(term));
}
