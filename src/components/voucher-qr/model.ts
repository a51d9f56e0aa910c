import { create, type QRCodeErrorCorrectionLevel } from 'qrcode';

/** A dark rectangle of the QR matrix, in modules: x (column), y (row), width, height. */
export interface QrRect {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface QrLayout {
  /** Modules per side (21 for version 1 … 177 for version 40), without the quiet zone. */
  size: number;
  rects: QrRect[];
}

/**
 * The QR code of `text` as rectangles to draw with plain views: no canvas, so the same markup renders in
 * the mini-program, the H5 preview and miniprogram-simulate. Dark modules are merged into horizontal runs,
 * and a run repeated on the next rows grows downwards, which keeps a voucher's ~41×41 matrix to a few
 * hundred views instead of 1,681.
 */
export function qrLayout(text: string, errorCorrectionLevel: QRCodeErrorCorrectionLevel = 'M'): QrLayout {
  const { modules } = create(text, { errorCorrectionLevel });
  const size = modules.size;
  const rects: QrRect[] = [];
  // Runs still open from the previous row, keyed "x:w", waiting to be extended downwards.
  let open = new Map<string, QrRect>();
  for (let y = 0; y < size; y++) {
    const next = new Map<string, QrRect>();
    let x = 0;
    while (x < size) {
      if (!modules.get(y, x)) {
        x++;
        continue;
      }
      const start = x;
      while (x < size && modules.get(y, x)) x++;
      const key = `${start}:${x - start}`;
      const above = open.get(key);
      if (above) {
        above.h++;
        next.set(key, above);
      } else {
        const rect = { x: start, y, w: x - start, h: 1 };
        rects.push(rect);
        next.set(key, rect);
      }
    }
    open = next;
  }
  return { size, rects };
}
