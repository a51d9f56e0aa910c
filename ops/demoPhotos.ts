/**
 * The demo shop's product photos and banners: simple flat drawings made by this code (no outside
 * images; this project's own work, free to use under CC0). Each is an SVG: the mini-program's <image>
 * and every browser show SVG, and a drawing is a few hundred bytes where a photo would be 100 KB.
 */
import type { Product } from '@core/catalog';

/** What each product looks like: a shape and its colours. */
type Shape = 'round' | 'cluster' | 'long' | 'bottle' | 'carton' | 'cup' | 'wedge' | 'box' | 'leafy' | 'cob';

interface Look {
  shape: Shape;
  fill: string;
  accent: string;
  backdrop: string;
}

const BY_CATEGORY: Record<string, Look> = {
  fruit: { shape: 'round', fill: '#f26b3a', accent: '#3f9b4a', backdrop: '#fff1e6' },
  imported: { shape: 'round', fill: '#b3263e', accent: '#3f9b4a', backdrop: '#fdecef' },
  dairy: { shape: 'bottle', fill: '#ffffff', accent: '#2f7fd1', backdrop: '#e8f2fc' },
  yogurt: { shape: 'cup', fill: '#fffaf0', accent: '#e7a33a', backdrop: '#fdf5e6' },
  veg: { shape: 'leafy', fill: '#5fb548', accent: '#2e7d32', backdrop: '#eef8ea' },
  gift: { shape: 'box', fill: '#d9383a', accent: '#f7c948', backdrop: '#fff0f0' },
};

/** Where a product is not drawn the way its category is. */
const BY_SKU: Record<string, Partial<Look>> = {
  'fruit-strawberry': { shape: 'wedge', fill: '#e53945' },
  'fruit-durian': { shape: 'round', fill: '#c9b037', accent: '#6d7a2c' },
  'fruit-citrus': { fill: '#ff9f1c' },
  'fruit-grape': { shape: 'cluster', fill: '#9bd15a', accent: '#5a8f29' },
  'fruit-apple': { fill: '#d62828' },
  'fruit-pear': { fill: '#e9d66b' },
  'fruit-banana': { shape: 'long', fill: '#ffd23f', accent: '#7a5c12' },
  'fruit-kiwi': { fill: '#8a6a3b', accent: '#7cb342' },
  'fruit-mango': { fill: '#ffb703', accent: '#5c9e31' },
  'fruit-pomelo': { fill: '#f4e285', accent: '#6a994e' },
  'imported-cherry': { shape: 'cluster', fill: '#8d0b2e', accent: '#4f772d' },
  'imported-blueberry': { shape: 'cluster', fill: '#3d5a98', accent: '#6b8f3a' },
  'imported-avocado': { fill: '#4f772d', accent: '#8b5e34' },
  'imported-kiwi': { fill: '#f6c945', accent: '#8a6a3b' },
  'imported-orange': { fill: '#fb8500' },
  'dairy-organic': { shape: 'carton', accent: '#5aa469' },
  'dairy-goat': { shape: 'carton', accent: '#8d6e63' },
  'dairy-milk-250': { accent: '#5aa9e6' },
  'yogurt-cheese': { shape: 'wedge', fill: '#ffd166', accent: '#e09f3e' },
  'yogurt-cream-cheese': { shape: 'cup', accent: '#a3c4f3' },
  'yogurt-kids': { shape: 'long', fill: '#ffe066', accent: '#ef476f' },
  'veg-tomato': { shape: 'round', fill: '#e63946', accent: '#2d6a4f' },
  'veg-corn': { shape: 'cob', fill: '#ffd60a', accent: '#52b788' },
  'veg-potato': { shape: 'round', fill: '#c8a165', accent: '#8d6e47' },
  'veg-mushroom': { shape: 'cup', fill: '#a98467', accent: '#f0ead2' },
  'gift-milk-box': { accent: '#2f7fd1', fill: '#e8f2fc' },
};

export function lookOf(product: Pick<Product, 'skuId' | 'category'>): Look {
  return { ...(BY_CATEGORY[product.category] ?? BY_CATEGORY.fruit), ...BY_SKU[product.skuId] };
}

const leaf = (x: number, y: number, colour: string) => `<path d="M${x} ${y}c18-34 52-44 78-40-6 30-34 54-78 40z" fill="${colour}"/>`;
const shine = (x: number, y: number, r: number) => `<ellipse cx="${x}" cy="${y}" rx="${r}" ry="${r * 0.6}" fill="#fff" opacity=".35" transform="rotate(-30 ${x} ${y})"/>`;

function shapeOf({ shape, fill, accent }: Look): string {
  switch (shape) {
    case 'round':
      return `<circle cx="300" cy="320" r="170" fill="${fill}"/>${shine(230, 250, 50)}${leaf(300, 150, accent)}<rect x="292" y="130" width="14" height="40" rx="7" fill="#6b4f2a"/>`;
    case 'cluster':
      return [[240, 250], [330, 250], [200, 340], [290, 340], [380, 340], [245, 430], [335, 430]]
        .map(([x, y]) => `<circle cx="${x}" cy="${y}" r="62" fill="${fill}"/>${shine(x - 18, y - 20, 16)}`)
        .join('') + leaf(290, 170, accent);
    case 'long':
      return `<path d="M150 420c120 40 260 0 320-160 10-24 40-20 36 8-30 190-230 260-370 200-26-12-16-56 14-48z" fill="${fill}"/><rect x="470" y="236" width="22" height="40" rx="6" fill="${accent}"/>`;
    case 'wedge':
      return `<path d="M300 140c120 0 190 90 150 210-30 90-110 140-150 160-40-20-120-70-150-160-40-120 30-210 150-210z" fill="${fill}"/>${leaf(300, 150, accent)}${[0, 1, 2, 3, 4, 5].map((i) => `<circle cx="${220 + (i % 3) * 80}" cy="${260 + Math.floor(i / 3) * 90}" r="8" fill="#fff" opacity=".7"/>`).join('')}`;
    case 'bottle':
      return `<rect x="240" y="120" width="120" height="60" rx="12" fill="${accent}"/><path d="M230 180h140l30 70v240a30 30 0 0 1-30 30H230a30 30 0 0 1-30-30V250z" fill="${fill}" stroke="${accent}" stroke-width="10"/><rect x="210" y="300" width="180" height="90" fill="${accent}" opacity=".85"/>`;
    case 'carton':
      return `<path d="M210 200l90-70 90 70v300H210z" fill="${fill}" stroke="${accent}" stroke-width="10"/><rect x="210" y="300" width="180" height="110" fill="${accent}"/><circle cx="300" cy="250" r="24" fill="${accent}" opacity=".6"/>`;
    case 'cup':
      return `<path d="M170 230h260l-30 260a20 20 0 0 1-20 18H220a20 20 0 0 1-20-18z" fill="${fill}" stroke="${accent}" stroke-width="10"/><rect x="150" y="200" width="300" height="40" rx="14" fill="${accent}"/><rect x="205" y="320" width="190" height="70" fill="${accent}" opacity=".75"/>`;
    case 'leafy':
      return `<path d="M300 500c-150-40-190-200-110-300 40 60 80 90 110 100 30-10 70-40 110-100 80 100 40 260-110 300z" fill="${fill}"/><path d="M300 500V240" stroke="${accent}" stroke-width="14" stroke-linecap="round"/>`;
    case 'cob':
      return `<ellipse cx="300" cy="310" rx="90" ry="190" fill="${fill}"/>${[0, 1, 2, 3, 4, 5, 6].map((i) => `<line x1="220" x2="380" y1="${190 + i * 40}" y2="${190 + i * 40}" stroke="#e6b800" stroke-width="6"/>`).join('')}<path d="M210 420c-40-80-30-200 20-260 0 120 30 200 70 300z" fill="${accent}"/><path d="M390 420c40-80 30-200-20-260 0 120-30 200-70 300z" fill="${accent}"/>`;
    case 'box':
      return `<rect x="150" y="220" width="300" height="260" rx="16" fill="${fill}"/><rect x="130" y="180" width="340" height="70" rx="14" fill="${fill}" stroke="${accent}" stroke-width="8"/><rect x="285" y="180" width="30" height="300" fill="${accent}"/><path d="M300 180c-60-70-130-40-90 0zM300 180c60-70 130-40 90 0z" fill="${accent}"/>`;
  }
}

/** A 600×600 drawing of the product on its backdrop. */
export function productDrawing(product: Pick<Product, 'skuId' | 'category'>): string {
  const look = lookOf(product);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="600" height="600" viewBox="0 0 600 600"><rect width="600" height="600" fill="${look.backdrop}"/><ellipse cx="300" cy="540" rx="200" ry="24" fill="#000" opacity=".06"/>${shapeOf(look)}</svg>`;
}

/** A 750×300 banner: a band of colour with the drawings of a few products on it. */
export function bannerDrawing(colours: [string, string], products: Array<Pick<Product, 'skuId' | 'category'>>): string {
  const items = products
    .slice(0, 3)
    .map((p, i) => `<g transform="translate(${400 + i * 110} ${60 + (i % 2) * 30}) scale(.3)">${shapeOf(lookOf(p))}</g>`)
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="750" height="300" viewBox="0 0 750 300"><defs><linearGradient id="g" x1="0" x2="1"><stop offset="0" stop-color="${colours[0]}"/><stop offset="1" stop-color="${colours[1]}"/></linearGradient></defs><rect width="750" height="300" rx="24" fill="url(#g)"/><circle cx="90" cy="250" r="120" fill="#fff" opacity=".12"/><circle cx="700" cy="40" r="90" fill="#fff" opacity=".12"/>${items}</svg>`;
}
