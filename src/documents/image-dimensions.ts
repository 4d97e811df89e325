import { imageSize } from 'image-size';
import { corrupt, tooLarge } from './refusal.js';

export type ImageKind = 'jpeg' | 'png' | 'tiff';

const imageSizeType: Record<ImageKind, string> = { jpeg: 'jpg', png: 'png', tiff: 'tiff' };

/** Width and height from the image's header (JPEG SOF, PNG IHDR, TIFF first IFD), without decoding pixels. */
export function imageDimensions(
  bytes: Uint8Array,
  kind: ImageKind,
  maxPixels: number,
): { width: number; height: number } {
  let size: ReturnType<typeof imageSize>;
  try {
    size = imageSize(bytes);
  } catch {
    throw corrupt('không đọc được kích thước ảnh');
  }
  if (size.type !== imageSizeType[kind] || !size.width || !size.height)
    throw corrupt('phần đầu ảnh không hợp lệ');
  if (size.width * size.height > maxPixels) {
    throw tooLarge(`ảnh ${size.width}×${size.height} điểm ảnh, tối đa ${maxPixels} điểm ảnh`);
  }
  return { width: size.width, height: size.height };
}
