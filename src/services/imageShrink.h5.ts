/**
 * H5 preview only: a picked picture made at most `maxWidth` wide as a JPEG (a transparent PNG gets a
 * white background), as WeChat's own pickers hand the mini-program a compressed picture. Used by the
 * member's avatar and the operators' product photos.
 */
export async function shrinkToJpeg(file: File, maxWidth: number, quality: number): Promise<Blob> {
  const url = URL.createObjectURL(file);
  try {
    const img = await new Promise<HTMLImageElement>((resolve, reject) => {
      const image = new Image();
      image.onload = () => resolve(image);
      image.onerror = () => reject(new Error('无法读取这张图片'));
      image.src = url;
    });
    const scale = Math.min(1, maxWidth / img.naturalWidth);
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(img.naturalWidth * scale));
    canvas.height = Math.max(1, Math.round(img.naturalHeight * scale));
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('无法处理这张图片');
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
    return await new Promise((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('无法处理这张图片'))), 'image/jpeg', quality));
  } finally {
    URL.revokeObjectURL(url);
  }
}
